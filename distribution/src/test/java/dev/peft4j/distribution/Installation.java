package dev.peft4j.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The assembled installation under test, and {@code bin/peft4j} run as a process, as a user runs it. */
final class Installation {

    static final Path HOME = Path.of(System.getProperty("peft4j.distribution.dir"));

    record Result(int exitCode, String out, String err) {
    }

    private Installation() {
    }

    /** Runs {@code bin/peft4j} in {@code workDir}; fails with its output so far after {@code seconds}. */
    static Result run(Path workDir, int seconds, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(HOME.resolve("bin/peft4j").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("peft4j-out", ".txt");
        Path err = Files.createTempFile("peft4j-err", ".txt");
        try {
            Process process = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("peft4j " + String.join(" ", args) + " did not finish within " + seconds
                        + " s; its output so far:\n" + Files.readString(out) + Files.readString(err));
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
