package dev.peft4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.peft4j.spi.FloatTensor;
import java.util.Arrays;

/** Test helpers over row-major {@link FloatTensor}s. */
public final class Tensors {

    private Tensors() {
    }

    /** The last-axis vector at the given leading indices. */
    public static float[] row(FloatTensor t, int... leading) {
        long[] shape = t.shape();
        int width = (int) shape[shape.length - 1];
        int offset = 0;
        for (int i = 0; i < leading.length; i++) {
            offset = offset * (int) shape[i] + leading[i];
        }
        offset *= width;
        return Arrays.copyOfRange(t.data(), offset, offset + width);
    }

    /** Asserts that t[b, :, :] equals the reference [T, V] within {@code tolerance}. */
    public static void assertRowsClose(FloatTensor t, int b, double[][] reference, double tolerance) {
        for (int pos = 0; pos < reference.length; pos++) {
            float[] actual = row(t, b, pos);
            for (int v = 0; v < actual.length; v++) {
                assertThat((double) actual[v]).as("[%d, %d, %d]", b, pos, v).isCloseTo(reference[pos][v],
                        within(tolerance));
            }
        }
    }

    public static double crossEntropy(float[] logits, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        for (float l : logits) {
            sum += Math.exp(l - max);
        }
        return Math.log(sum) + max - logits[label];
    }

    public static double maxAbsDifference(FloatTensor a, FloatTensor b) {
        double max = 0;
        for (int i = 0; i < a.data().length; i++) {
            max = Math.max(max, Math.abs(a.data()[i] - b.data()[i]));
        }
        return max;
    }
}
