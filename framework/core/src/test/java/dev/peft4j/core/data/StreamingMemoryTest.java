package dev.peft4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data file larger than the heap goes through the whole pipeline: a forked JVM whose heap is smaller than the file
 * prepares, tokenizes and batches it, while the same heap cannot even hold the file's lines.
 */
class StreamingMemoryTest {

    private static final int HEAP_MIB = 32;
    private static final int ROWS = 200_000;

    @TempDir
    Path dir;

    @Test
    void aFileLargerThanTheHeapIsPreparedTokenizedAndBatched() throws Exception {
        Path file = generate(dir.resolve("big.tsv"));
        assertThat(Files.size(file)).isGreaterThan(HEAP_MIB * 7L / 5 * (1 << 20));

        Result hold = fork("hold", file.toString());
        assertThat(hold.exitCode).as("control: the lines alone exceed the heap\n%s", hold.output).isNotZero();
        assertThat(hold.output).contains("OutOfMemoryError");

        Result prepare = fork("prepare", file.toString(), dir.resolve("work").toString());
        assertThat(prepare.exitCode).as(prepare.output).isZero();
        assertThat(prepare.output).contains("train=160000 validation=20000 test=20000 batched=160000");
    }

    private static Path generate(Path file) throws IOException {
        Random random = new Random(42);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("label\ttext\n");
            for (int row = 0; row < ROWS; row++) {
                StringBuilder text = new StringBuilder("row").append(row);
                while (text.length() < 230) {
                    text.append(' ').append(Long.toString(random.nextLong() & 0xFFFFFFL, 36));
                }
                out.append(row % 3 == 0 ? "spam" : "ham").append('\t').append(text).append('\n');
            }
        }
        return file;
    }

    private record Result(int exitCode, String output) {
    }

    private static Result fork(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + HEAP_MIB + "m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), StreamingProbe.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
