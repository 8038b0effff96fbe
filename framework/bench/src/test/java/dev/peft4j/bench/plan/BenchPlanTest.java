package dev.peft4j.bench.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peft4j.bench.model.AdamSettings;
import dev.peft4j.bench.model.GptShape;
import dev.peft4j.bench.model.Task;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchPlanTest {

    @TempDir
    Path dir;

    private List<PlannedRun> plan(int reps, boolean matmul) {
        List<Variant> variants = Variants.select(List.of("tf", "torch-stock"), dir.resolve("absent.so"));
        return BenchPlan.build(variants, List.of(Task.LORA_TRAIN, Task.INFERENCE), new Profile(2, 1, 2, reps, 3),
                GptShape.gpt2Small(2, 8, 128), AdamSettings.defaults(), new BenchPlan.RunSettings(2, 42, 2, 1, 4096),
                matmul);
    }

    @Test
    void everyRoundRunsEveryTaskOnEveryEngineAfterTheMatmulProbes() {
        assertThat(plan(1, true)).extracting(PlannedRun::label).containsExactly(
                "r0-matmul-tf", "r0-matmul-torch-stock",
                "r0-lora-tf", "r0-lora-torch-stock",
                "r0-infer-tf", "r0-infer-torch-stock");
    }

    @Test
    void engineOrderReversesInOddRoundsToSpreadMachineNoise() {
        assertThat(plan(2, false)).extracting(PlannedRun::label).containsExactly(
                "r0-lora-tf", "r0-lora-torch-stock", "r0-infer-tf", "r0-infer-torch-stock",
                "r1-lora-torch-stock", "r1-lora-tf", "r1-infer-torch-stock", "r1-infer-tf");
    }

    @Test
    void runsCarryTheirBackendAndTheSharedSettings() {
        PlannedRun run = plan(1, false).get(1);
        assertThat(run.spec().backend()).isEqualTo("torch");
        assertThat(run.spec().seed()).isEqualTo(42);
        assertThat(run.spec().totalSteps()).isEqualTo(3);
    }

    @Test
    void theTunedEngineNeedsTcmallocAndSaysHowToGetIt() {
        assertThatThrownBy(() -> Variants.select(List.of("torch-tuned"), dir.resolve("absent.so")))
                .hasMessageContaining("apt-get install libtcmalloc-minimal4").hasMessageContaining("--tcmalloc");
    }

    @Test
    void stockRunsClearTheAllocatorSwitchesTheTunedOneSets() {
        Variant stock = Variants.known(dir).get("torch-stock");
        Variant tuned = Variants.known(dir).get("torch-tuned");
        assertThat(stock.cleared()).containsAll(tuned.environment().keySet());
        assertThat(tuned.environment()).containsEntry("THP_MEM_ALLOC_ENABLE", "1");
    }

    @Test
    void anUnknownEngineIsNamedWithTheChoices() {
        assertThatThrownBy(() -> Variants.select(List.of("jax"), dir)).hasMessageContaining("'jax'")
                .hasMessageContaining("torch-stock");
    }
}
