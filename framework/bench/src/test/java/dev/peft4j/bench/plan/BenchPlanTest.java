package dev.peft4j.bench.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peft4j.bench.model.AdamSettings;
import dev.peft4j.bench.model.BertShape;
import dev.peft4j.bench.model.GptShape;
import dev.peft4j.bench.model.Task;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchPlanTest {

    @TempDir
    Path dir;

    private final Shapes shapes = new Shapes(GptShape.gpt2Small(2, 8, 128), BertShape.miniLm(32, 64));

    private List<PlannedRun> plan(List<String> engines, List<Task> tasks, int reps, boolean matmul) {
        List<Variant> variants = Variants.select(engines, dir.resolve("absent.so"));
        return BenchPlan.build(variants, tasks, new Profile(2, 1, 2, reps, 3), shapes, AdamSettings.defaults(),
                new BenchPlan.RunSettings(2, 42, 2, 1, 4096), matmul);
    }

    private List<PlannedRun> plan(int reps, boolean matmul) {
        return plan(List.of("peft4j", "torch-stock"), List.of(Task.LORA_TRAIN, Task.INFERENCE), reps, matmul);
    }

    @Test
    void everyRoundRunsEveryTaskOnEveryEngineAfterTheMatmulProbes() {
        assertThat(plan(1, true)).extracting(PlannedRun::label).containsExactly(
                "r0-matmul-peft4j", "r0-matmul-torch-stock",
                "r0-lora-peft4j", "r0-lora-torch-stock",
                "r0-infer-peft4j", "r0-infer-torch-stock");
    }

    @Test
    void theMatmulPeakIsProbedInTheFirstRoundOnly() {
        assertThat(plan(2, true)).extracting(PlannedRun::label).filteredOn(l -> l.contains("matmul"))
                .containsExactly("r0-matmul-peft4j", "r0-matmul-torch-stock");
    }

    @Test
    void engineOrderReversesInOddRoundsToSpreadMachineNoise() {
        assertThat(plan(2, false)).extracting(PlannedRun::label).containsExactly(
                "r0-lora-peft4j", "r0-lora-torch-stock", "r0-infer-peft4j", "r0-infer-torch-stock",
                "r1-lora-torch-stock", "r1-lora-peft4j", "r1-infer-torch-stock", "r1-infer-peft4j");
    }

    @Test
    void tensorFlowsPeakIsProbedOnceAndTheHandWrittenGraphSkipsTheMiniLmTask() {
        List<PlannedRun> runs = plan(List.of("peft4j", "tf-graph", "torch-stock"),
                List.of(Task.MINILM_LORA), 1, true);
        assertThat(runs).extracting(PlannedRun::label).containsExactly(
                "r0-matmul-peft4j", "r0-matmul-torch-stock",
                "r0-minilm-lora-peft4j", "r0-minilm-lora-torch-stock");
    }

    @Test
    void theHandWrittenGraphProbesTheMatmulPeakWhenPeft4jIsNotRaced() {
        assertThat(plan(List.of("tf-graph"), List.of(Task.FULL_TRAIN), 1, true)).extracting(PlannedRun::label)
                .containsExactly("r0-matmul-tf-graph", "r0-full-tf-graph");
    }

    @Test
    void eachTaskRunsOnItsOwnModel() {
        List<PlannedRun> runs = plan(List.of("peft4j"), List.of(Task.LORA_TRAIN, Task.MINILM_LORA), 1, false);
        assertThat(runs.get(0).spec().shape()).isEqualTo(shapes.gpt());
        assertThat(runs.get(1).spec().shape()).isEqualTo(shapes.miniLm());
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
        assertThat(Variants.known(dir).get("peft4j").cleared()).containsAll(tuned.environment().keySet());
        assertThat(tuned.environment()).containsEntry("THP_MEM_ALLOC_ENABLE", "1");
    }

    @Test
    void anUnknownEngineIsNamedWithTheChoices() {
        assertThatThrownBy(() -> Variants.select(List.of("jax"), dir)).hasMessageContaining("'jax'")
                .hasMessageContaining("torch-stock");
    }
}
