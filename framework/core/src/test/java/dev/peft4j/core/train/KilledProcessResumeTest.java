package dev.peft4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peft4j.core.train.checkpoint.Checkpointer;
import dev.peft4j.core.train.fixtures.BlobsRun;
import dev.peft4j.core.train.progress.JsonlLog;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A training process killed with SIGKILL (no shutdown hook, no finally) resumes to the uninterrupted result. */
class KilledProcessResumeTest {

    @TempDir
    Path dir;

    @Test
    void aRunKilledWithSigkillResumesToTheSameWeightsAsAnUninterruptedRun() throws Exception {
        Path killed = dir.resolve("killed");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BlobsRun.class.getName(), killed.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.out").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (lastStep(killed) < 11 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(child.isAlive()).as("the child is still training when it is killed").isTrue();
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } finally {
            child.destroyForcibly();
        }
        long checkpointed = Checkpointer.load(new Checkpointer(killed.resolve("checkpoints")).latestDirectory()
                .orElseThrow()).state().step();
        assertThat(checkpointed).isBetween(9L, 15L);

        BlobsRun.Outcome resumed = BlobsRun.run(killed, true);
        BlobsRun.Outcome whole = BlobsRun.run(dir.resolve("whole"), false);

        assertThat(resumed.result().steps()).isEqualTo(16);
        resumed.weights().forEach((name, w) -> assertThat(w).as(name).isEqualTo(whole.weights().get(name)));
        assertThat(resumed.result().lastEvaluation()).isEqualTo(whole.result().lastEvaluation());
        assertThat(resumed.result().bestStep()).isEqualTo(whole.result().bestStep());
    }

    private static long lastStep(Path runDir) {
        List<JsonNode> lines = JsonlLog.read(runDir.resolve("log.jsonl"));
        return lines.stream().filter(l -> l.path("event").asText().equals("step"))
                .mapToLong(l -> l.path("step").asLong()).max().orElse(0);
    }
}
