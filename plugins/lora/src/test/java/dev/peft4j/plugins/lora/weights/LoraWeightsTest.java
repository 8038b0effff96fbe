package dev.peft4j.plugins.lora.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.peft4j.plugins.lora.settings.LoraInit;
import dev.peft4j.spi.FloatTensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LoraWeightsTest {

    private static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double variance(float[] values) {
        double mean = mean(values);
        double sum = 0;
        for (float v : values) {
            sum += (v - mean) * (v - mean);
        }
        return sum / values.length;
    }

    @Test
    void kaimingUniformIsBoundedByOneOverRootFanIn() {
        int in = 400;
        FloatTensor a = LoraWeights.initialA(LoraInit.KAIMING_UNIFORM, 64, in, new SplittableRandom(1));
        double bound = 1 / Math.sqrt(in);

        assertThat(a.shape()).containsExactly(64, in);
        for (float v : a.data()) {
            assertThat(Math.abs(v)).isLessThanOrEqualTo((float) bound);
        }
        // U(-b, b) has mean 0 and variance b^2 / 3
        assertThat(mean(a.data())).isCloseTo(0, within(bound * 0.02));
        assertThat(variance(a.data())).isCloseTo(bound * bound / 3, within(bound * bound / 3 * 0.03));
    }

    @Test
    void gaussianHasStandardDeviationOneOverRank() {
        FloatTensor a = LoraWeights.initialA(LoraInit.GAUSSIAN, 16, 2000, new SplittableRandom(2));

        assertThat(mean(a.data())).isCloseTo(0, within(0.002));
        assertThat(Math.sqrt(variance(a.data()))).isCloseTo(1.0 / 16, within(0.001));
    }

    @Test
    void theSameSeedGivesTheSameInitialValues() {
        assertThat(LoraWeights.initialA(LoraInit.KAIMING_UNIFORM, 4, 8, new SplittableRandom(5)))
                .isEqualTo(LoraWeights.initialA(LoraInit.KAIMING_UNIFORM, 4, 8, new SplittableRandom(5)))
                .isNotEqualTo(LoraWeights.initialA(LoraInit.KAIMING_UNIFORM, 4, 8, new SplittableRandom(6)));
    }

    @Test
    void bStartsAtZero() {
        FloatTensor b = LoraWeights.initialB(24, 8);

        assertThat(b.shape()).containsExactly(24, 8);
        assertThat(b.data()).containsOnly(0f);
    }

    @Test
    void theMagnitudeIsTheNormOfEachOutputFeaturesWeights() {
        FloatTensor outIn = new FloatTensor(new long[] {2, 3}, new float[] {3, 4, 0, 1, 2, 2});
        FloatTensor inOut = new FloatTensor(new long[] {3, 2}, new float[] {3, 1, 4, 2, 0, 2});

        assertThat(LoraWeights.initialMagnitude(outIn, false).data()).containsExactly(5f, 3f);
        assertThat(LoraWeights.initialMagnitude(inOut, true).data()).containsExactly(5f, 3f);
    }
}
