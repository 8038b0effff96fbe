package dev.peft4j.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {

    private static final LocalDateTime NOON = LocalDateTime.of(2025, 1, 31, 12, 0, 5);

    @Test
    void aTimestampedRunGetsItsOwnFolderAndASecondRunInTheSameSecondANumberedOne(@TempDir Path tmp) {
        Path runDir = tmp.resolve("runs/sst2");

        RunDirectory first = RunDirectory.create(runDir, true, NOON);
        RunDirectory second = RunDirectory.create(runDir, true, NOON);

        assertThat(first.dir().getFileName()).hasToString("sst2-20250131-120005");
        assertThat(second.dir().getFileName()).hasToString("sst2-20250131-120005-2");
        assertThat(first.dir()).isEmptyDirectory();
    }

    @Test
    void withoutTimestampTheConfiguredFolderItselfIsTheRunFolder(@TempDir Path tmp) {
        assertThat(RunDirectory.create(tmp.resolve("runs/x"), false, NOON).dir()).isEqualTo(tmp.resolve("runs/x"));
    }

    @Test
    void resumeFindsTheNewestRunOfThePipelineAndIgnoresOtherPipelines(@TempDir Path tmp) throws Exception {
        Path runs = Files.createDirectories(tmp.resolve("runs"));
        Files.createDirectories(runs.resolve("sst2-20250131-120005"));
        Files.createDirectories(runs.resolve("sst2-20250131-120005-2"));
        Files.createDirectories(runs.resolve("sst2-20250130-235959"));
        Files.createDirectories(runs.resolve("sst2-lora-20251231-000000"));

        assertThat(RunDirectory.latest(runs.resolve("sst2"), true).dir().getFileName())
                .hasToString("sst2-20250131-120005-2");
    }

    @Test
    void resumeWithoutAnEarlierRunSaysHowToStartOne(@TempDir Path tmp) {
        assertThatThrownBy(() -> RunDirectory.latest(tmp.resolve("runs/sst2"), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sst2-<yyyyMMdd-HHmmss>")
                .hasMessageContaining("without --resume");
    }

    @Test
    void filesAreWrittenWholeWithNoTemporaryLeftBehind(@TempDir Path tmp) throws Exception {
        RunDirectory dir = RunDirectory.create(tmp.resolve("r"), false, NOON);

        dir.writeJson(RunDirectory.METRICS, java.util.Map.of("accuracy", 0.9));
        dir.writeString(RunDirectory.PIPELINE, "a = 1\n");

        assertThat(dir.file(RunDirectory.METRICS)).content().contains("\"accuracy\" : 0.9");
        try (var files = Files.list(dir.dir())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("metrics.json",
                    "pipeline.conf");
        }
    }
}
