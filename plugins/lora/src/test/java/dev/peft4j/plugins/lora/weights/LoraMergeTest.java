package dev.peft4j.plugins.lora.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.peft4j.spi.FloatTensor;
import dev.peft4j.testkit.tensor.Tensors;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LoraMergeTest {

    private final SplittableRandom random = new SplittableRandom(3);
    private final FloatTensor a = Tensors.random(random, 1, 2, 5);   // [r=2, in=5]
    private final FloatTensor b = Tensors.random(random, 1, 3, 2);   // [out=3, r=2]
    private final FloatTensor w = Tensors.random(random, 1, 3, 5);   // [out, in]
    private final LoraFactors factors = new LoraFactors(a, b, 0.5);

    private double delta(int o, int i) {
        double sum = 0;
        for (int k = 0; k < 2; k++) {
            sum += (double) b.data()[o * 2 + k] * a.data()[k * 5 + i];
        }
        return 0.5 * sum;
    }

    @Test
    void theDeltaIsScalingTimesBTimesA() {
        FloatTensor delta = factors.delta();

        assertThat(delta.shape()).containsExactly(3, 5);
        for (int o = 0; o < 3; o++) {
            for (int i = 0; i < 5; i++) {
                assertThat((double) delta.data()[o * 5 + i]).isCloseTo(delta(o, i), within(1e-6));
            }
        }
    }

    @Test
    void loraMergesAsWPlusDelta() {
        FloatTensor merged = LoraMerge.merged("l.weight", w, false, factors, null);

        for (int o = 0; o < 3; o++) {
            for (int i = 0; i < 5; i++) {
                assertThat((double) merged.data()[o * 5 + i]).isCloseTo(w.data()[o * 5 + i] + delta(o, i), within(1e-6));
            }
        }
    }

    @Test
    void anInOutWeightGetsTheTransposedDelta() {
        FloatTensor inOut = Tensors.transpose(w);

        FloatTensor merged = LoraMerge.merged("c_attn.weight", inOut, true, factors, null);

        assertThat(merged.shape()).containsExactly(5, 3);
        assertThat(Tensors.transpose(merged).data())
                .containsExactly(LoraMerge.merged("l.weight", w, false, factors, null).data());
    }

    @Test
    void doraRescalesEachOutputRowToItsMagnitude() {
        FloatTensor magnitude = new FloatTensor(new long[] {3}, new float[] {2, 0.5f, 7});

        FloatTensor merged = LoraMerge.merged("l.weight", w, false, factors, magnitude);
        FloatTensor direction = LoraMerge.merged("l.weight", w, false, factors, null);

        for (int o = 0; o < 3; o++) {
            double norm = 0;
            double directionNorm = 0;
            for (int i = 0; i < 5; i++) {
                norm += Math.pow(merged.data()[o * 5 + i], 2);
                directionNorm += Math.pow(direction.data()[o * 5 + i], 2);
            }
            assertThat(Math.sqrt(norm)).isCloseTo(magnitude.data()[o], within(1e-5));
            // same direction as W + delta
            double ratio = merged.data()[o * 5] / direction.data()[o * 5];
            assertThat(ratio).isCloseTo(magnitude.data()[o] / Math.sqrt(directionNorm), within(1e-5));
        }
    }

    @Test
    void doraWithItsInitialMagnitudeAndZeroBLeavesTheWeightUnchanged() {
        FloatTensor inOut = Tensors.transpose(w);
        LoraFactors untrained = new LoraFactors(a, FloatTensor.zeros(3, 2), 0.5);

        FloatTensor merged = LoraMerge.merged("c_attn.weight", inOut, true, untrained,
                LoraWeights.initialMagnitude(inOut, true));

        for (int i = 0; i < merged.data().length; i++) {
            assertThat(merged.data()[i]).isCloseTo(inOut.data()[i], within(1e-6f));
        }
    }

    @Test
    void aNonFiniteResultNamesTheWeightAndPosition() {
        FloatTensor huge = new FloatTensor(new long[] {3, 2}, new float[] {0, 0, 3e38f, 3e38f, 0, 0});
        LoraFactors overflowing = new LoraFactors(new FloatTensor(new long[] {2, 5},
                new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}), huge, 4.0);

        assertThatThrownBy(() -> LoraMerge.merged("transformer.h.0.attn.c_attn.weight", w, false, overflowing, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("transformer.h.0.attn.c_attn.weight")
                .hasMessageContaining("Infinity at [1, 0]");
    }

    @Test
    void mismatchedShapesAreRefusedNamingTheWeight() {
        assertThatThrownBy(() -> LoraMerge.merged("l.weight", Tensors.transpose(w), false, factors, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("l.weight: the weight is [5, 3]")
                .hasMessageContaining("need [3, 5]");
        assertThatThrownBy(() -> LoraMerge.merged("l.weight", w, false, factors, FloatTensor.zeros(4)))
                .hasMessageContaining("the magnitude is FloatTensor[4] but the layer has 3 output features");
    }
}
