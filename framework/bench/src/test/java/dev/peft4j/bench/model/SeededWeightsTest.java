package dev.peft4j.bench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SeededWeightsTest {

    private final TensorSpec q = new TensorSpec("transformer.h.0.attn.c_attn.weight", new long[] {256, 256}, TensorSpec.Init.WEIGHT);
    private final TensorSpec k = new TensorSpec("transformer.h.0.attn.c_proj.weight", new long[] {256, 256}, TensorSpec.Init.WEIGHT);

    @Test
    void valuesDependOnSeedAndNameOnlyNotOnRequestOrder() {
        SeededWeights first = new SeededWeights(42);
        float[] qFirst = first.tensor(q).data();
        SeededWeights second = new SeededWeights(42);
        second.tensor(k);
        assertThat(second.tensor(q).data()).containsExactly(qFirst);
    }

    @Test
    void differentNamesAndSeedsGiveDifferentValues() {
        SeededWeights weights = new SeededWeights(42);
        assertThat(weights.tensor(q).data()).isNotEqualTo(weights.tensor(k).data());
        assertThat(new SeededWeights(43).tensor(q).data()).isNotEqualTo(weights.tensor(q).data());
    }

    @Test
    void weightsHaveGpt2sStandardDeviationAndGainsCentreOnOne() {
        SeededWeights weights = new SeededWeights(1);
        assertThat(std(weights.tensor(q).data(), 0)).isCloseTo(0.02, within(0.001));
        float[] gains = weights.tensor(new TensorSpec("transformer.ln_f.weight", new long[] {65_536}, TensorSpec.Init.GAIN)).data();
        assertThat(mean(gains)).isCloseTo(1.0, within(0.001));
    }

    @Test
    void loraBStartsAtZeroSoAnAdapterStartsAsTheIdentity() {
        float[] b = new SeededWeights(1).tensor(new TensorSpec("transformer.h.0.attn.c_attn.lora_B.weight",
                new long[] {2304, 8}, TensorSpec.Init.ZERO)).data();
        assertThat(b).containsOnly(0f);
    }

    @Test
    void loraAIsUniformOverPlusMinusOneOverTheRootOfItsFanIn() {
        float[] a = new SeededWeights(1).tensor(new TensorSpec("transformer.h.0.attn.c_attn.lora_A.weight",
                new long[] {8, 768}, TensorSpec.Init.LORA_A)).data();
        float bound = (float) (1 / Math.sqrt(768));
        for (float x : a) {
            assertThat(Math.abs(x)).isLessThanOrEqualTo(bound);
        }
        assertThat(std(a, 0)).isCloseTo(bound / Math.sqrt(3), within(0.002));
    }

    @Test
    void generationTimeIsRecorded() {
        SeededWeights weights = new SeededWeights(1);
        weights.tensor(q);
        assertThat(weights.generationNanos()).isPositive();
    }

    private static double mean(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x;
        }
        return sum / v.length;
    }

    private static double std(float[] v, double centre) {
        double sum = 0;
        for (float x : v) {
            sum += (x - centre) * (x - centre);
        }
        return Math.sqrt(sum / v.length);
    }
}
