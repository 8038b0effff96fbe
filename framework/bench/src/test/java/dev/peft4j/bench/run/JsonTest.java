package dev.peft4j.bench.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peft4j.bench.model.AdamSettings;
import dev.peft4j.bench.model.BertShape;
import dev.peft4j.bench.model.GptShape;
import dev.peft4j.bench.model.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parent and the forked JVMs talk through these files. */
class JsonTest {

    @TempDir
    Path dir;

    private final ObjectMapper json = Json.mapper();
    private final RunSpec spec = new RunSpec("torch-tuned", "torch", Task.LORA_TRAIN, GptShape.gpt2Small(2, 8, 128),
            AdamSettings.defaults(), 1, 2, 2, 42, 2, 1, 4096, 3);

    @Test
    void aRunSpecSurvivesTheTripToTheChildJvm() throws Exception {
        Path file = dir.resolve("spec.json");
        Json.writeAtomically(json, file, spec);
        assertThat(json.readValue(file.toFile(), RunSpec.class)).isEqualTo(spec);
    }

    @Test
    void aRunResultSurvivesTheTripBack() throws Exception {
        RunResult result = new RunResult(spec, "pytorch", 1.5, 2.5, new double[] {0.5, 0.25}, new float[] {10.9f, 10.8f},
                new long[] {7L}, new double[0], 123_456_789L, 100_000_000L, 110_000_000L, 1.0, 2.0);
        Path file = dir.resolve("nested/result.json");
        Json.writeAtomically(json, file, result);
        RunResult back = json.readValue(file.toFile(), RunResult.class);
        assertThat(back.spec()).isEqualTo(spec);
        assertThat(back.stepSeconds()).containsExactly(0.5, 0.25);
        assertThat(back.losses()).containsExactly(10.9f, 10.8f);
        assertThat(back.predictionChecksums()).containsExactly(7L);
        assertThat(back.timeToFirstStepSeconds()).isEqualTo(4.0);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void theMiniLmShapeSurvivesTheTripAsABertShape() throws Exception {
        RunSpec minilm = new RunSpec("peft4j", "peft4j", Task.MINILM_LORA, BertShape.miniLm(32, 64),
                AdamSettings.defaults(), 1, 2, 2, 42, 2, 1, 4096, 3);
        Path file = dir.resolve("minilm.json");
        Json.writeAtomically(json, file, minilm);
        assertThat(json.readValue(file.toFile(), RunSpec.class)).isEqualTo(minilm);
    }

    @Test
    void aMatmulProbeHasNoTask() throws Exception {
        RunSpec probe = new RunSpec("peft4j", "peft4j", null, null, null, 1, 1, 2, 42, 2, 1, 4096, 5);
        Path file = dir.resolve("probe.json");
        Json.writeAtomically(json, file, probe);
        RunSpec back = json.readValue(file.toFile(), RunSpec.class);
        assertThat(back.measuresMatmul()).isTrue();
        assertThat(back).isEqualTo(probe);
    }
}
