package dev.peft4j.plugins.lora.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.peft4j.spi.FloatTensor;
import dev.peft4j.spi.method.Dropout;
import dev.peft4j.testkit.tensor.Tensors;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class LoraLayerTest {

    private final SplittableRandom random = new SplittableRandom(11);
    private final FloatTensor x = Tensors.random(random, 1, 4, 6);      // [tokens, in]
    private final FloatTensor base = Tensors.random(random, 1, 4, 5);   // [tokens, out]
    private final FloatTensor a = Tensors.random(random, 1, 3, 6);      // [r, in]
    private final FloatTensor b = Tensors.random(random, 1, 5, 3);      // [out, r]
    private final FloatTensor g = Tensors.random(random, 1, 4, 5);      // upstream gradient
    private final double scaling = 0.75;

    /** base + scaling · x · Aᵀ · Bᵀ in double. */
    private double[][] expected() {
        double[][] down = Tensors.timesTransposed(x, a);
        double[][] out = Tensors.matrix(base);
        for (int t = 0; t < 4; t++) {
            for (int o = 0; o < 5; o++) {
                for (int k = 0; k < 3; k++) {
                    out[t][o] += scaling * down[t][k] * b.data()[o * 3 + k];
                }
            }
        }
        return out;
    }

    private static void assertClose(FloatTensor actual, double[][] expected, double tolerance) {
        int columns = expected[0].length;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < columns; j++) {
                assertThat((double) actual.data()[i * columns + j]).as("[%d, %d]", i, j)
                        .isCloseTo(expected[i][j], within(tolerance));
            }
        }
    }

    @Test
    void addsTheScaledLowRankUpdateToTheBaseOutput() {
        try (Graph graph = new Graph(); Session session = new Session(graph);
                Tensor xs = Tensors.tensor(x); Tensor bases = Tensors.tensor(base)) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> input = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 6)));
            Placeholder<TFloat32> baseOutput = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 5)));
            LoraLayer lora = new LoraLayer(Tensors.constant(tf, a), Tensors.constant(tf, b), scaling, Dropout.none());

            FloatTensor out = Tensors.run(session, lora.apply(tf, input, baseOutput), Map.of(input, xs, baseOutput, bases));

            assertThat(out.shape()).containsExactly(4, 5);
            assertClose(out, expected(), 1e-5);
        }
    }

    @Test
    void withBAtZeroTheOutputIsExactlyTheBaseOutput() {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            LoraLayer lora = new LoraLayer(Tensors.constant(tf, a), Tensors.constant(tf, FloatTensor.zeros(5, 3)),
                    scaling, Dropout.none());

            FloatTensor out = Tensors.run(session,
                    lora.apply(tf, Tensors.constant(tf, x), Tensors.constant(tf, base)), Map.of());

            assertThat(out).isEqualTo(base);
        }
    }

    @Test
    void gradientsReachAAndBAsTheChainRuleSays() {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Variable<TFloat32> varA = tf.variable(Tensors.constant(tf, a));
            Variable<TFloat32> varB = tf.variable(Tensors.constant(tf, b));
            Operand<TFloat32> out = new LoraLayer(varA, varB, scaling, Dropout.none())
                    .apply(tf, Tensors.constant(tf, x), Tensors.constant(tf, base));
            Operand<TFloat32> loss = tf.reduceSum(tf.math.mul(out, Tensors.constant(tf, g)), tf.constant(new int[] {0, 1}));

            Output<?>[] grads = graph.addGradients(loss.asOutput(), new Output<?>[] {varA.asOutput(), varB.asOutput()});
            @SuppressWarnings("unchecked")
            FloatTensor gradA = Tensors.run(session, (Operand<TFloat32>) grads[0], Map.of());
            @SuppressWarnings("unchecked")
            FloatTensor gradB = Tensors.run(session, (Operand<TFloat32>) grads[1], Map.of());

            // dL/dB[o,k] = s · Σ_t g[t,o] · (x·Aᵀ)[t,k];  dL/dA[k,i] = s · Σ_t Σ_o g[t,o] · B[o,k] · x[t,i]
            double[][] down = Tensors.timesTransposed(x, a);
            double[][] expectedB = new double[5][3];
            double[][] expectedA = new double[3][6];
            for (int t = 0; t < 4; t++) {
                for (int o = 0; o < 5; o++) {
                    double gto = g.data()[t * 5 + o];
                    for (int k = 0; k < 3; k++) {
                        expectedB[o][k] += scaling * gto * down[t][k];
                        for (int i = 0; i < 6; i++) {
                            expectedA[k][i] += scaling * gto * b.data()[o * 3 + k] * x.data()[t * 6 + i];
                        }
                    }
                }
            }
            assertClose(gradA, expectedA, 1e-4);
            assertClose(gradB, expectedB, 1e-4);
        }
    }
}
