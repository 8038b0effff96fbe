package dev.peft4j.core.model.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class RotaryTest {

    private static final float[] Q = {0.3f, -1.2f, 0.7f, 2.0f, -0.4f, 0.9f};
    private static final float[] K = {1.1f, 0.2f, -0.8f, 0.5f, 1.5f, -0.3f};
    private static final float[] INVERSE_FREQUENCIES = {1f, 0.1f, 0.01f};

    @Test
    void theScoreOfARotatedQueryAndKeyDependsOnlyOnTheirDistance() {
        double d3 = score(5, 2);
        assertThat(score(8, 5)).isCloseTo(d3, within(1e-5));
        assertThat(score(3, 0)).isCloseTo(d3, within(1e-5));
        assertThat(score(40, 37)).isCloseTo(d3, within(1e-4));
        assertThat(score(5, 3)).isNotCloseTo(d3, within(1e-2));
    }

    @Test
    void positionZeroLeavesVectorsUnchanged() {
        double plain = 0;
        for (int i = 0; i < Q.length; i++) {
            plain += Q[i] * K[i];
        }
        assertThat(score(0, 0)).isCloseTo(plain, within(1e-6));
    }

    /** q rotated to position m, k to position n, then q·k. */
    private static double score(int m, int n) {
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Rotary rotary = Rotary.of(tf, tf.constant(new int[][] {{m, n}}), INVERSE_FREQUENCIES);
            var x = tf.constant(new float[][][][] {{{Q, K}}});
            var rotated = rotary.apply(tf, x);
            try (Result r = s.runner().fetch(rotated).run()) {
                float[] out = new float[2 * Q.length];
                ((TFloat32) r.get(0)).copyTo(DataBuffers.of(out, false, false));
                double dot = 0;
                for (int i = 0; i < Q.length; i++) {
                    dot += out[i] * out[Q.length + i];
                }
                return dot;
            }
        }
    }
}
