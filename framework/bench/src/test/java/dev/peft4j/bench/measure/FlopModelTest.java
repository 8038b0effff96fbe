package dev.peft4j.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.peft4j.bench.model.GptShape;
import dev.peft4j.bench.model.LoraTarget;
import dev.peft4j.bench.model.Task;
import org.junit.jupiter.api.Test;

class FlopModelTest {

    private final GptShape gpt2 = GptShape.gpt2Small(12, 8, 128);

    @Test
    void inferenceCountsEveryBlockAndTheTiedHeadByHand() {
        double n = 1024;
        double h = 768;
        double expected = 12 * (24 * n * h * h + 4 * n * 128 * h) + 2 * n * h * 50_257;
        assertThat(FlopModel.perStep(gpt2, Task.INFERENCE)).isEqualTo(expected);
        // About 258 GFLOP, of which the LM head is 79.
        assertThat(FlopModel.perStep(gpt2, Task.INFERENCE) / 1e9).isCloseTo(257.8, within(0.1));
    }

    @Test
    void fullFineTuningIsThreeForwardPasses() {
        assertThat(FlopModel.perStep(gpt2, Task.FULL_TRAIN)).isEqualTo(3 * FlopModel.perStep(gpt2, Task.INFERENCE));
    }

    @Test
    void loraTrainingLiesBetweenTwoForwardPassesAndFullFineTuning() {
        double lora = FlopModel.perStep(gpt2, Task.LORA_TRAIN);
        double forward = FlopModel.perStep(gpt2, Task.INFERENCE);
        assertThat(lora).isGreaterThan(1.9 * forward).isLessThan(2.1 * forward);
        assertThat(lora).isLessThan(FlopModel.perStep(gpt2, Task.FULL_TRAIN));
    }

    @Test
    void loraTrainingOfOneBlockSkipsTheGradientsBelowItsAdapters() {
        GptShape one = GptShape.gpt2Small(1, 1, 4);
        double n = 4;
        double h = 768;
        double t = 4;
        double r = 8;
        double v = 50_257;
        double forward = 24 * n * h * h + 4 * n * t * h + 8 * n * h * r + 2 * n * h * v;
        // Backward: head dX, then o/fc/proj dX (18NH^2), dP dV dQ (6NTH), adapters dB d(xA) dA (12NHr).
        double backward = 2 * n * h * v + 18 * n * h * h + 6 * n * t * h + 12 * n * h * r;
        assertThat(FlopModel.perStep(one, Task.LORA_TRAIN)).isCloseTo(forward + backward, within(1e-3));
    }

    @Test
    void loraOnTheFusedProjectionCannotSkipDkInBlockZero() {
        GptShape qv = GptShape.gpt2Small(1, 1, 4, LoraTarget.QV);
        GptShape fused = GptShape.gpt2Small(1, 1, 4, LoraTarget.C_ATTN);
        double n = 4;
        double h = 768;
        double t = 4;
        double r = 8;
        // k now depends on the adapter (+2NTH for dK); one adapter's dX is skipped instead of two (+2NHr).
        assertThat(FlopModel.perStep(fused, Task.LORA_TRAIN) - FlopModel.perStep(qv, Task.LORA_TRAIN))
                .isCloseTo(2 * n * t * h + 2 * n * h * r, within(1e-3));
    }

    @Test
    void matmulIsTwiceTheCube() {
        assertThat(FlopModel.matmul(4096)).isEqualTo(2.0 * 4096 * 4096 * 4096);
    }
}
