package dev.peft4j.plugins.lora.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.peft4j.spi.FloatTensor;
import dev.peft4j.testkit.tensor.Tensors;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LoraCombinationTest {

    private final SplittableRandom random = new SplittableRandom(9);
    private final LoraFactors first = new LoraFactors(Tensors.random(random, 1, 2, 6), Tensors.random(random, 1, 4, 2), 2.0);
    private final LoraFactors second = new LoraFactors(Tensors.random(random, 1, 2, 6), Tensors.random(random, 1, 4, 2), 0.5);
    private final LoraFactors third = new LoraFactors(Tensors.random(random, 1, 3, 6), Tensors.random(random, 1, 4, 3), 1.0);

    private static void assertClose(FloatTensor actual, double[] expected) {
        assertThat(actual.data()).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual.data()[i]).isCloseTo(expected[i], within(1e-5));
        }
    }

    private static double[] weightedSum(List<LoraFactors> adapters, List<Double> weights) {
        double[] sum = new double[adapters.get(0).delta().data().length];
        for (int k = 0; k < adapters.size(); k++) {
            float[] delta = adapters.get(k).delta().data();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += weights.get(k) * delta[i];
            }
        }
        return sum;
    }

    @Test
    void concatenationSumsTheWeightedUpdatesExactly() {
        List<LoraFactors> adapters = List.of(first, second, third);
        List<Double> weights = List.of(0.7, -1.5, 2.0);

        LoraFactors combined = LoraCombination.concatenate(adapters, weights);

        assertThat(combined.rank()).isEqualTo(7);
        assertThat(combined.scaling()).isEqualTo(1.0);
        assertClose(combined.delta(), weightedSum(adapters, weights));
    }

    @Test
    void aLinearCombinationOfOneAdapterKeepsItsUpdate() {
        LoraFactors combined = LoraCombination.linear(List.of(first), List.of(1.0));

        assertThat(combined.rank()).isEqualTo(2);
        assertClose(combined.delta(), weightedSum(List.of(first), List.of(1.0)));
    }

    @Test
    void aLinearCombinationSumsFactorsWeightedByTheRootOfWeightTimesScaling() {
        LoraFactors combined = LoraCombination.linear(List.of(first, second), List.of(0.3, 0.8));

        double v1 = Math.sqrt(0.3 * 2.0);
        double v2 = Math.sqrt(0.8 * 0.5);
        double[] expectedA = new double[12];
        for (int i = 0; i < 12; i++) {
            expectedA[i] = v1 * first.a().data()[i] + v2 * second.a().data()[i];
        }
        double[] expectedB = new double[8];
        for (int i = 0; i < 8; i++) {
            expectedB[i] = v1 * first.b().data()[i] + v2 * second.b().data()[i];
        }
        assertClose(combined.a(), expectedA);
        assertClose(combined.b(), expectedB);
        assertThat(combined.scaling()).isEqualTo(1.0);
    }

    @Test
    void aLinearCombinationNeedsEqualRanksAndNonNegativeWeights() {
        assertThatThrownBy(() -> LoraCombination.linear(List.of(first, third), List.of(1.0, 1.0)))
                .hasMessageContaining("equal rank, got ranks [2, 3]");
        assertThatThrownBy(() -> LoraCombination.linear(List.of(first, second), List.of(1.0, -1.0)))
                .hasMessageContaining("weight × scaling >= 0");
    }

    @Test
    void adaptersOfDifferentLayersCannotBeCombined() {
        LoraFactors other = new LoraFactors(Tensors.random(random, 1, 2, 5), Tensors.random(random, 1, 4, 2), 1.0);

        assertThatThrownBy(() -> LoraCombination.concatenate(List.of(first, other), List.of(1.0, 1.0)))
                .hasMessageContaining("must share its shape");
        assertThatThrownBy(() -> LoraCombination.concatenate(List.of(first), List.of(1.0, 1.0)))
                .hasMessageContaining("one weight per adapter");
    }
}
