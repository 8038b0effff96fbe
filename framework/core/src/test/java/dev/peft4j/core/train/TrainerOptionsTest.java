package dev.peft4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peft4j.core.train.fixtures.TestOptions;
import org.junit.jupiter.api.Test;

class TrainerOptionsTest {

    @Test
    void invalidValuesAreRefusedNamingTheirKey() {
        TestOptions o = new TestOptions();
        o.batchSize = 0;
        assertThatThrownBy(o::build).hasMessageContaining("training.batch-size").hasMessageContaining("got 0");
        o = new TestOptions();
        o.epochs = 0;
        assertThatThrownBy(o::build).hasMessageContaining("training.epochs");
        o.maxSteps = 10;
        assertThat(o.build().maxSteps()).isEqualTo(10);
        o = new TestOptions();
        o.bestMetric = " ";
        assertThatThrownBy(o::build).hasMessageContaining("training.best-metric");
        o = new TestOptions();
        o.learningRate = Double.NaN;
        assertThatThrownBy(o::build).hasMessageContaining("training.learning-rate");
    }

    @Test
    void thePlanCountsMicroBatchesStepsAndWarmup() {
        TestOptions o = new TestOptions();
        o.batchSize = 10;
        o.accumulationSteps = 4;
        o.epochs = 3;
        o.warmupSteps = 0;
        TrainerOptions base = o.build();
        TrainerOptions ratio = new TrainerOptions(base.seed(), 3, 0, 10, 4, 0.1, 0, 0.1, 0, 0, "loss", false, 0, false,
                false, 10);
        RunPlan plan = RunPlan.of(95, ratio);
        assertThat(plan.microBatchesPerEpoch()).isEqualTo(10);
        assertThat(plan.stepsPerEpoch()).isEqualTo(3);
        assertThat(plan.totalSteps()).isEqualTo(9);
        assertThat(plan.warmupSteps()).isEqualTo(1); // ceil(0.1 * 9)
        o.warmupSteps = 50;
        assertThat(RunPlan.of(95, o.build()).warmupSteps()).isEqualTo(9);
    }

    @Test
    void dataOrderDependsOnlyOnSeedAndEpoch() {
        DataOrder a = new DataOrder(1, 20, 6);
        DataOrder b = new DataOrder(1, 20, 6);
        assertThat(a.microBatches(3)).isDeepEqualTo(b.microBatches(3));
        assertThat(java.util.Arrays.deepEquals(a.microBatches(3), a.microBatches(4))).isFalse();
        assertThat(java.util.Arrays.deepEquals(new DataOrder(2, 20, 6).microBatches(3), a.microBatches(3))).isFalse();
        assertThat(a.microBatches(0)).hasNumberOfRows(4);
        assertThat(a.dropoutSeed(5, 0)).isNotEqualTo(a.dropoutSeed(5, 1)).isNotEqualTo(a.dropoutSeed(6, 0));
    }
}
