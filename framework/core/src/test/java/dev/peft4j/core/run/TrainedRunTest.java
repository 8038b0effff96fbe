package dev.peft4j.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainedRunTest {

    @TempDir
    Path tmp;

    private Path runWith(String artifact, String file) throws Exception {
        Path run = Files.createDirectories(tmp.resolve("runs/sst2-20250131-120005"));
        Files.writeString(run.resolve("pipeline.conf"), "pipeline.name = sst2\n");
        Files.writeString(run.resolve("manifest.json"), "{\"pipeline\": \"" + tmp.resolve("pipelines/sst2.conf")
                + "\"}");
        Files.writeString(Files.createDirectories(run.resolve(artifact)).resolve(file), "{}");
        return run;
    }

    @Test
    void aRunFolderWithAnAdapterIsFoundFromTheRunOrFromItsAdapter() throws Exception {
        Path run = runWith("adapter", "adapter_config.json");

        TrainedRun fromRun = TrainedRun.locate(run);
        TrainedRun fromAdapter = TrainedRun.locate(run.resolve("adapter"));

        assertThat(fromRun).isEqualTo(fromAdapter);
        assertThat(fromRun.adapterDir()).isEqualTo(run.resolve("adapter"));
        assertThat(fromRun.modelDir()).isNull();
        assertThat(fromRun.baseDir()).as("the pipeline file's folder, for relative model paths")
                .isEqualTo(tmp.resolve("pipelines"));
        assertThat(fromRun.pipelineFile()).isEqualTo(run.resolve("pipeline.conf"));
    }

    @Test
    void aFullFineTuningRunIsItsModelFolder() throws Exception {
        Path run = runWith("model", "config.json");

        TrainedRun trained = TrainedRun.locate(run);

        assertThat(trained.modelDir()).isEqualTo(run.resolve("model"));
        assertThat(trained.adapterDir()).isNull();
    }

    @Test
    void aStandAloneAdapterFolderHasNoRun() throws Exception {
        Path adapter = Files.createDirectories(tmp.resolve("my-adapter"));
        Files.writeString(adapter.resolve("adapter_config.json"), "{}");

        TrainedRun trained = TrainedRun.locate(adapter);

        assertThat(trained.runDir()).isNull();
        assertThat(trained.adapterDir()).isEqualTo(adapter);
        assertThat(trained.labels()).isEmpty();
    }

    @Test
    void anUnfinishedRunSaysToResumeIt() throws Exception {
        Path run = Files.createDirectories(tmp.resolve("runs/x"));
        Files.writeString(run.resolve("pipeline.conf"), "");

        assertThatThrownBy(() -> TrainedRun.locate(run)).hasMessageContaining("peft4j run --resume");
        assertThatThrownBy(() -> TrainedRun.locate(tmp)).hasMessageContaining("holds neither a run");
    }
}
