package dev.peft4j.core.train.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peft4j.core.train.BestMetric;
import dev.peft4j.core.train.RunPlan;
import dev.peft4j.spi.FloatTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointerTest {

    @TempDir
    Path dir;

    private static Checkpoint at(long step, float value) {
        TrainerState state = new TrainerState(TrainerState.FORMAT, step, 1, 3, step, 1024, 7, 42,
                new RunPlan(100, 10, 1, 10, 10, 50, 5), new BestMetric.State("accuracy", 0.5, 2, 1), 1000 * step, 1.5,
                Map.of("accuracy", 0.5));
        return new Checkpoint(Map.of("w", new FloatTensor(new long[] {2}, new float[] {value, -value})),
                Map.of("w/adam_m", new FloatTensor(new long[] {2}, new float[] {0.1f, 0.2f})), state);
    }

    private Checkpointer checkpointer() {
        return new Checkpointer(dir.resolve("checkpoints"));
    }

    private String[] entries() throws Exception {
        try (var s = Files.list(dir.resolve("checkpoints"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void savesEverythingAResumeNeedsAndReadsItBack() throws Exception {
        Checkpointer c = checkpointer();
        assertThat(c.latest()).isEmpty();
        c.save(at(10, 1f), false);
        Checkpoint back = c.latest().orElseThrow();
        assertThat(back.weights()).isEqualTo(at(10, 1f).weights());
        assertThat(back.optimizerState()).isEqualTo(at(10, 1f).optimizerState());
        assertThat(back.state()).isEqualTo(at(10, 1f).state());
        assertThat(entries()).containsExactly("pointers.json", "step-00000010");
        assertThat(dir.resolve("checkpoints/step-00000010")).isDirectoryContaining("glob:**/weights.safetensors")
                .isDirectoryContaining("glob:**/optimizer.safetensors").isDirectoryContaining("glob:**/trainer-state.json");
    }

    @Test
    void keepsOnlyTheLatestAndTheBest() throws Exception {
        Checkpointer c = checkpointer();
        c.save(at(10, 1f), true);
        c.save(at(20, 2f), false);
        c.save(at(30, 3f), false);
        assertThat(entries()).containsExactly("pointers.json", "step-00000010", "step-00000030");
        assertThat(c.bestWeights().orElseThrow().get("w").data()).containsExactly(1f, -1f);
        c.save(at(40, 4f), true);
        assertThat(entries()).containsExactly("pointers.json", "step-00000040");
        assertThat(c.bestDirectory()).isEqualTo(c.latestDirectory());
    }

    @Test
    void leftoversOfAKilledSaveAreIgnoredThenCleared() throws Exception {
        Checkpointer c = checkpointer();
        c.save(at(10, 1f), true);
        // A save killed before its pointers were replaced: a half-written temporary and a complete but unnamed step.
        Files.createDirectories(dir.resolve("checkpoints/.tmp-step-00000020-abc"));
        Files.writeString(dir.resolve("checkpoints/.tmp-step-00000020-abc/weights.safetensors"), "half");
        Files.createDirectories(dir.resolve("checkpoints/step-00000020"));
        Files.writeString(dir.resolve("checkpoints/step-00000020/weights.safetensors"), "stale");
        assertThat(c.latest().orElseThrow().state().step()).isEqualTo(10);

        c.save(at(20, 2f), false);
        assertThat(entries()).containsExactly("pointers.json", "step-00000010", "step-00000020");
        assertThat(c.latest().orElseThrow().weights().get("w").data()).containsExactly(2f, -2f);
    }

    @Test
    void aDamagedStateFileSaysWhatToDo() throws Exception {
        Checkpointer c = checkpointer();
        c.save(at(10, 1f), false);
        Files.writeString(dir.resolve("checkpoints/step-00000010/trainer-state.json"), "{ not json");
        assertThatThrownBy(c::latest).hasMessageContaining("step-00000010/trainer-state.json")
                .hasMessageContaining("pointers.json");
    }

    @Test
    void aStateOfAnotherFormatIsRefused() throws Exception {
        Checkpointer c = checkpointer();
        c.save(at(10, 1f), false);
        Path state = dir.resolve("checkpoints/step-00000010/trainer-state.json");
        Files.writeString(state, Files.readString(state).replace("\"format\" : 1", "\"format\" : 99"));
        assertThatThrownBy(c::latest).hasMessageContaining("format 99").hasMessageContaining("format 1");
    }
}
