package dev.peft4j.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.peft4j.bench.model.BertShape;
import dev.peft4j.bench.model.GptShape;
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
    void loraTrainingOfOneBlockSkipsTheGradientsBelowItsAdapter() {
        GptShape one = GptShape.gpt2Small(1, 1, 4);
        double n = 4;
        double h = 768;
        double t = 4;
        double r = 8;
        double v = 50_257;
        double forward = 24 * n * h * h + 4 * n * t * h + 8 * n * h * r + 2 * n * h * v;
        // Backward: head dX, then o/fc/proj dX (18NH^2), attention dP dV dQ dK (8NTH), adapter dB d(xA) dA (14NHr).
        double backward = 2 * n * h * v + 18 * n * h * h + 8 * n * t * h + 14 * n * h * r;
        assertThat(FlopModel.perStep(one, Task.LORA_TRAIN)).isCloseTo(forward + backward, within(1e-3));
    }

    @Test
    void theMiniLmStepCountsItsBlocksAdaptersAndHeadByHand() {
        BertShape one = new BertShape(384, 12, 1, 1536, 30_522, 512, 2, 2, 4, 2, 8, 16f);
        double b = 2;
        double n = 8;
        double h = 384;
        double t = 4;
        double r = 8;
        double head = 2 * b * h * h + 2 * b * h * 2;
        double forward = 24 * n * h * h + 4 * n * t * h + 8 * n * h * r + head;
        // Block 0 alone: dX of the output, fc and proj (18NH^2), attention dP dV dQ (6NTH), two adapters' dB d(xA)
        // dA (12NHr); the head's dW and dX.
        double backward = 2 * head + 18 * n * h * h + 6 * n * t * h + 12 * n * h * r;
        assertThat(FlopModel.perStep(one, Task.MINILM_LORA)).isCloseTo(forward + backward, within(1e-3));
        // The example job's step: about 90 GFLOP per 2,048 tokens.
        assertThat(FlopModel.perStep(BertShape.miniLm(32, 64), Task.MINILM_LORA) / 1e9).isCloseTo(89.6, within(0.1));
    }

    @Test
    void matmulIsTwiceTheCube() {
        assertThat(FlopModel.matmul(4096)).isEqualTo(2.0 * 4096 * 4096 * 4096);
    }
}
