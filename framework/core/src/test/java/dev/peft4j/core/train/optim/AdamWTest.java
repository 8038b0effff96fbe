package dev.peft4j.core.train.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.peft4j.core.train.Feed;
import dev.peft4j.core.train.ForwardMode;
import dev.peft4j.core.train.fixtures.ProductModel;
import dev.peft4j.core.train.fixtures.ToyBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.tensorflow.GraphOperation;
import org.junit.jupiter.api.Test;

class AdamWTest {

    private static final OptimizerSpec SPEC = new OptimizerSpec(0.9, 0.999, 1e-8, 0.1, 0);
    private final ProductModel model = new ProductModel();

    @AfterEach
    void close() {
        model.close();
    }

    private AdamW optimizer(OptimizerSpec spec, LossScaleSpec scaling, int accumulation) {
        AdamW adamW = new AdamW(model.graph(), model.session(), model.loss(), model.trainableVariables(), spec,
                scaling, accumulation);
        adamW.initialize();
        return adamW;
    }

    private Consumer<Feed> batch(float multiplier) {
        return feed -> model.feed(feed, new ToyBatch(multiplier), ForwardMode.training(0));
    }

    @Test
    void firstTwoStepsMatchAHandComputedAdamWWithBiasCorrectionFromStepOne() {
        AdamW adamW = optimizer(SPEC, LossScaleSpec.none(), 1);
        ReferenceAdamW reference = new ReferenceAdamW(SPEC);

        StepResult first = adamW.step(List.of(batch(1f)), 0.01);
        reference.step(1f, 0.01);
        assertThat(first.applied()).isTrue();
        assertThat(first.loss()).isCloseTo(reference.lossBefore, within(1e-5));
        assertThat(first.gradNorm()).isCloseTo(reference.gradNorm, within(1e-5));
        reference.assertMatches(model, 1e-6);

        adamW.step(List.of(batch(1f)), 0.02);
        reference.step(1f, 0.02);
        reference.assertMatches(model, 1e-6);
        assertThat(adamW.appliedSteps()).isEqualTo(2);
    }

    @Test
    void everyUpdateWaitsForAllGradientsSoNoMomentIsReadEarlyAndHeldThroughTheStep() {
        optimizer(SPEC, LossScaleSpec.none(), 1);
        List<GraphOperation> updates = new ArrayList<>();
        model.graph().operations().forEachRemaining(op -> {
            if (op.type().equals("ApplyAdam")) {
                updates.add((GraphOperation) op);
            }
        });
        assertThat(updates).hasSize(model.trainableVariables().size());
        for (GraphOperation update : updates) {
            // The moments and weights are read by the fused ApplyAdam only, which runs after every gradient.
            assertThat(update.controlInputs()).extracting(GraphOperation::name).contains("adamw/gradients_ready");
        }
    }

    @Test
    void firstStepMovesEachWeightByTheFullLearningRate() {
        // With bias correction done right, Adam's first update is lr * sign(g) (up to epsilon); a t=2 correction
        // (the tensorflow-framework trap) would move it by about 0.74 lr.
        AdamW adamW = optimizer(new OptimizerSpec(0.9, 0.999, 1e-8, 0, 0), LossScaleSpec.none(), 1);
        float[] before = model.value("bias");
        adamW.step(List.of(batch(1f)), 0.01);
        float[] after = model.value("bias");
        assertThat(before[0] - after[0]).isCloseTo(0.01f * Math.signum(ProductModel.C[0]), within(1e-6f));
        assertThat(before[1] - after[1]).isCloseTo(0.01f * Math.signum(ProductModel.C[1]), within(1e-6f));
    }

    @Test
    void weightDecayIsDecoupledAndSkipsTheNoDecayGroup() {
        // A zero multiplier makes every gradient zero: only decay can move a weight.
        AdamW adamW = optimizer(new OptimizerSpec(0.9, 0.999, 1e-8, 0.5, 0), LossScaleSpec.none(), 1);
        float[] a = model.value("A");
        float[] bias = model.value("bias");
        adamW.step(List.of(batch(0f)), 0.1);
        float[] decayed = model.value("A");
        for (int i = 0; i < a.length; i++) {
            assertThat(decayed[i]).isCloseTo(a[i] * (1 - 0.1f * 0.5f), within(1e-7f));
        }
        assertThat(model.value("bias")).containsExactly(bias);
    }

    @Test
    void frozenVariablesGetNoSlotAndNoUpdate() {
        AdamW adamW = optimizer(SPEC, LossScaleSpec.none(), 1);
        float[] frozen = model.value("F");
        adamW.step(List.of(batch(1f)), 0.05);
        assertThat(model.value("F")).containsExactly(frozen);
        assertThat(adamW.readMoments()).containsOnlyKeys("A/adam_m", "A/adam_v", "B/adam_m", "B/adam_v",
                "bias/adam_m", "bias/adam_v");
    }

    @Test
    void clippingReportsThePreClipNormAndScalesTheGradient() {
        OptimizerSpec clipped = new OptimizerSpec(0.9, 0.999, 1e-8, 0, 0.5);
        AdamW adamW = optimizer(clipped, LossScaleSpec.none(), 1);
        ReferenceAdamW reference = new ReferenceAdamW(clipped);
        StepResult result = adamW.step(List.of(batch(1f)), 0.01);
        reference.step(1f, 0.01);
        assertThat(reference.gradNorm).isGreaterThan(0.5);
        assertThat(result.gradNorm()).isCloseTo(reference.gradNorm, within(1e-5));
        // m = (1 - beta1) * g * 0.5 / (norm + 1e-6)
        float[] m = adamW.readMoments().get("bias/adam_m").data();
        double coefficient = 0.5 / (reference.gradNorm + 1e-6);
        assertThat((double) m[0]).isCloseTo(0.1 * ProductModel.C[0] * coefficient, within(1e-6));
        reference.assertMatches(model, 1e-6);
    }

    @Test
    void accumulationAppliesTheMeanOfMicroBatchGradients() {
        AdamW accumulating = optimizer(SPEC, LossScaleSpec.none(), 3);
        StepResult result = accumulating.step(List.of(batch(1f), batch(2f), batch(3f)), 0.01);
        ReferenceAdamW reference = new ReferenceAdamW(SPEC);
        reference.step(2f, 0.01);
        assertThat(result.loss()).isCloseTo(reference.lossBefore, within(1e-5));
        reference.assertMatches(model, 1e-6);
        // The accumulators were cleared: a second step of one micro-batch sees only its own gradient.
        accumulating.step(List.of(batch(1f)), 0.01);
        reference.step(1f, 0.01);
        reference.assertMatches(model, 1e-6);
    }

    @Test
    void nonFiniteGradientsSkipTheStepAndHalveTheLossScale() {
        LossScaleSpec dynamic = new LossScaleSpec(true, 65536, 2, 2, 0.5, 1);
        AdamW adamW = optimizer(SPEC, dynamic, 1);
        Map<String, float[]> before = Map.of("A", model.value("A"), "B", model.value("B"), "bias", model.value("bias"));

        StepResult skipped = adamW.step(List.of(batch(Float.POSITIVE_INFINITY)), 0.01);

        assertThat(skipped.applied()).isFalse();
        assertThat(skipped.lossScale()).isEqualTo(65536);
        assertThat(adamW.lossScaler().scale()).isEqualTo(32768);
        assertThat(adamW.appliedSteps()).isZero();
        before.forEach((name, value) -> assertThat(model.value(name)).containsExactly(value));
        assertThat(adamW.readMoments().get("A/adam_m").data()).containsOnly(0f);

        // The next finite steps train as if the skipped one never happened; the scale grows after 2 of them.
        ReferenceAdamW reference = new ReferenceAdamW(SPEC);
        adamW.step(List.of(batch(1f)), 0.01);
        reference.step(1f, 0.01);
        assertThat(adamW.lossScaler().scale()).isEqualTo(32768);
        adamW.step(List.of(batch(1f)), 0.01);
        reference.step(1f, 0.01);
        assertThat(adamW.lossScaler().scale()).isEqualTo(65536);
        reference.assertMatches(model, 1e-5);
    }

    @Test
    void anInfiniteMicroBatchSkipsTheWholeAccumulatedStep() {
        AdamW adamW = optimizer(SPEC, new LossScaleSpec(true, 1024, 100, 2, 0.5, 1), 2);
        float[] a = model.value("A");
        StepResult result = adamW.step(List.of(batch(1f), batch(Float.NaN)), 0.01);
        assertThat(result.applied()).isFalse();
        assertThat(model.value("A")).containsExactly(a);
        ReferenceAdamW reference = new ReferenceAdamW(SPEC);
        adamW.step(List.of(batch(1f), batch(1f)), 0.01);
        reference.step(1f, 0.01);
        reference.assertMatches(model, 1e-5);
    }

    @Test
    void scaledLossTrainsLikeUnscaledLoss() {
        AdamW adamW = optimizer(SPEC, new LossScaleSpec(true, 1 << 20, 1000, 2, 0.5, 1), 1);
        ReferenceAdamW reference = new ReferenceAdamW(SPEC);
        for (int i = 0; i < 3; i++) {
            StepResult r = adamW.step(List.of(batch(1f)), 0.01);
            reference.step(1f, 0.01);
            assertThat(r.gradNorm()).isCloseTo(reference.gradNorm, within(1e-4));
        }
        reference.assertMatches(model, 1e-5);
    }

    @Test
    void restoredOptimizerContinuesExactlyWhereTheSavedOneStopped() {
        AdamW adamW = optimizer(SPEC, LossScaleSpec.none(), 1);
        adamW.step(List.of(batch(1f)), 0.01);
        Map<String, dev.peft4j.spi.FloatTensor> moments = adamW.readMoments();
        var weights = model.values().read();
        adamW.step(List.of(batch(1f)), 0.01);
        float[] expected = model.value("A");

        adamW.initialize();
        model.values().write(weights, "test");
        adamW.restore(moments, 1, 1, 0, "test");
        adamW.step(List.of(batch(1f)), 0.01);
        assertThat(model.value("A")).containsExactly(expected);
    }
}
