package dev.peft4j.plugins.lora.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.peft4j.plugins.lora.weights.LoraWeights;
import dev.peft4j.spi.FloatTensor;
import dev.peft4j.spi.method.Dropout;
import dev.peft4j.spi.method.LinearLayer;
import dev.peft4j.testkit.tensor.Tensors;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

class DoraLayerTest {

    private final SplittableRandom random = new SplittableRandom(21);
    private final FloatTensor x = Tensors.random(random, 1, 4, 6);       // [tokens, in]
    private final FloatTensor w = Tensors.random(random, 1, 5, 6);       // [out, in]
    private final FloatTensor bias = Tensors.random(random, 1, 5);
    private final FloatTensor a = Tensors.random(random, 1, 3, 6);
    private final FloatTensor b = Tensors.random(random, 1, 5, 3);
    private final FloatTensor m = new FloatTensor(new long[] {5}, new float[] {1.5f, 0.7f, 2.2f, 3.1f, 0.4f});
    private final FloatTensor g = Tensors.random(random, 1, 4, 5);
    private final double s = 0.5;

    /** The frozen layer as the host builds it, in either storage layout. */
    private static LinearLayer layer(Ops tf, FloatTensor w, FloatTensor bias, boolean fanInFanOut) {
        FloatTensor stored = fanInFanOut ? Tensors.transpose(w) : w;
        return new LinearLayer("l", 0, 6, 5, fanInFanOut, Tensors.constant(tf, stored), Tensors.constant(tf, bias));
    }

    private static Operand<TFloat32> baseOutput(Ops tf, LinearLayer layer, Operand<TFloat32> input) {
        return tf.math.add(tf.linalg.matMul(input, layer.weight(), MatMul.transposeB(!layer.fanInFanOut())), layer.bias());
    }

    /** V = W + s·B·A [out, in], in double. */
    private double[][] direction() {
        double[][] v = Tensors.matrix(w);
        for (int o = 0; o < 5; o++) {
            for (int i = 0; i < 6; i++) {
                for (int k = 0; k < 3; k++) {
                    v[o][i] += s * b.data()[o * 3 + k] * a.data()[k * 6 + i];
                }
            }
        }
        return v;
    }

    private static double[] norms(double[][] v) {
        double[] n = new double[v.length];
        for (int o = 0; o < v.length; o++) {
            for (double value : v[o]) {
                n[o] += value * value;
            }
            n[o] = Math.sqrt(n[o]);
        }
        return n;
    }

    /** x · Vᵀ [tokens, out]. */
    private double[][] xv(double[][] v) {
        double[][] out = new double[4][5];
        for (int t = 0; t < 4; t++) {
            for (int o = 0; o < 5; o++) {
                for (int i = 0; i < 6; i++) {
                    out[t][o] += x.data()[t * 6 + i] * v[o][i];
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

    @ParameterizedTest(name = "fan-in-fan-out {0}")
    @ValueSource(booleans = {false, true})
    void rescalesEachOutputFeatureOfTheAdaptedLayerToItsMagnitude(boolean fanInFanOut) {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            LinearLayer layer = layer(tf, w, bias, fanInFanOut);
            Operand<TFloat32> input = Tensors.constant(tf, x);
            DoraLayer dora = new DoraLayer(layer, Tensors.constant(tf, a), Tensors.constant(tf, b),
                    Tensors.constant(tf, m), s, Dropout.none());

            FloatTensor out = Tensors.run(session, dora.apply(tf, input, baseOutput(tf, layer, input)), Map.of());

            double[][] v = direction();
            double[] n = norms(v);
            double[][] xv = xv(v);
            double[][] expected = new double[4][5];
            for (int t = 0; t < 4; t++) {
                for (int o = 0; o < 5; o++) {
                    expected[t][o] = m.data()[o] / n[o] * xv[t][o] + bias.data()[o];
                }
            }
            assertClose(out, expected, 1e-4);
        }
    }

    @ParameterizedTest(name = "fan-in-fan-out {0}")
    @ValueSource(booleans = {false, true})
    void isTheBaseLayerWhileBIsZeroAndTheMagnitudeIsTheWeightNorm(boolean fanInFanOut) {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            LinearLayer layer = layer(tf, w, bias, fanInFanOut);
            Operand<TFloat32> input = Tensors.constant(tf, x);
            FloatTensor magnitude = LoraWeights.initialMagnitude(fanInFanOut ? Tensors.transpose(w) : w, fanInFanOut);
            Operand<TFloat32> base = baseOutput(tf, layer, input);
            DoraLayer dora = new DoraLayer(layer, Tensors.constant(tf, a), Tensors.constant(tf, FloatTensor.zeros(5, 3)),
                    Tensors.constant(tf, magnitude), s, Dropout.none());

            FloatTensor out = Tensors.run(session, dora.apply(tf, input, base), Map.of());
            FloatTensor expected = Tensors.run(session, base, Map.of());

            for (int i = 0; i < out.data().length; i++) {
                assertThat(out.data()[i]).isCloseTo(expected.data()[i], within(1e-5f));
            }
        }
    }

    @ParameterizedTest(name = "fan-in-fan-out {0}")
    @ValueSource(booleans = {false, true})
    void theNormIsAConstantForTheGradientAsInPeft(boolean fanInFanOut) {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            LinearLayer layer = layer(tf, w, bias, fanInFanOut);
            Operand<TFloat32> input = Tensors.constant(tf, x);
            Variable<TFloat32> varB = tf.variable(Tensors.constant(tf, b));
            Variable<TFloat32> varM = tf.variable(Tensors.constant(tf, m));
            Operand<TFloat32> out = new DoraLayer(layer, Tensors.constant(tf, a), varB, varM, s, Dropout.none())
                    .apply(tf, input, baseOutput(tf, layer, input));
            Operand<TFloat32> loss = tf.reduceSum(tf.math.mul(out, Tensors.constant(tf, g)), tf.constant(new int[] {0, 1}));

            Output<?>[] grads = graph.addGradients(loss.asOutput(), new Output<?>[] {varB.asOutput(), varM.asOutput()});
            @SuppressWarnings("unchecked")
            FloatTensor gradB = Tensors.run(session, (Operand<TFloat32>) grads[0], Map.of());
            @SuppressWarnings("unchecked")
            FloatTensor gradM = Tensors.run(session, (Operand<TFloat32>) grads[1], Map.of());

            // with k = m / ‖V‖ held constant: dL/dm[o] = Σ_t g[t,o] (x·Vᵀ)[t,o] / ‖V_o‖,
            // dL/dB[o,k] = Σ_t g[t,o] · k_o · s · (x·Aᵀ)[t,k]
            double[][] v = direction();
            double[] n = norms(v);
            double[][] xv = xv(v);
            double[][] down = Tensors.timesTransposed(x, a);
            double[][] expectedM = new double[1][5];
            double[][] expectedB = new double[5][3];
            for (int t = 0; t < 4; t++) {
                for (int o = 0; o < 5; o++) {
                    double gto = g.data()[t * 5 + o];
                    expectedM[0][o] += gto * xv[t][o] / n[o];
                    for (int k = 0; k < 3; k++) {
                        expectedB[o][k] += gto * m.data()[o] / n[o] * s * down[t][k];
                    }
                }
            }
            assertClose(gradM, expectedM, 1e-4);
            assertClose(gradB, expectedB, 1e-4);
        }
    }

    @ParameterizedTest(name = "fan-in-fan-out {0}")
    @ValueSource(booleans = {false, true})
    void dropoutChangesNothingOutsideTraining(boolean fanInFanOut) {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            LinearLayer layer = layer(tf, w, bias, fanInFanOut);
            Operand<TFloat32> input = Tensors.constant(tf, x);
            Operand<TFloat32> base = baseOutput(tf, layer, input);
            Operand<TBool> notTraining = tf.constant(false);
            Operand<TBool> training = tf.constant(true);
            Operand<TFloat32> plain = new DoraLayer(layer, Tensors.constant(tf, a), Tensors.constant(tf, b),
                    Tensors.constant(tf, m), s, Dropout.none()).apply(tf, input, base);
            Operand<TFloat32> evaluated = new DoraLayer(layer, Tensors.constant(tf, a), Tensors.constant(tf, b),
                    Tensors.constant(tf, m), s, Dropout.of(0.5, 3, notTraining)).apply(tf, input, base);
            Operand<TFloat32> trained = new DoraLayer(layer, Tensors.constant(tf, a), Tensors.constant(tf, b),
                    Tensors.constant(tf, m), s, Dropout.of(0.5, 3, training)).apply(tf, input, base);

            // (grappler folds the two graphs differently, so equal means equal up to fp32 rounding)
            double[][] expected = Tensors.matrix(Tensors.run(session, plain, Map.of()));
            assertClose(Tensors.run(session, evaluated, Map.of()), expected, 1e-6);
            double[][] whileTraining = Tensors.matrix(Tensors.run(session, trained, Map.of()));
            double largestChange = 0;
            for (int t = 0; t < 4; t++) {
                for (int o = 0; o < 5; o++) {
                    largestChange = Math.max(largestChange, Math.abs(whileTraining[t][o] - expected[t][o]));
                }
            }
            assertThat(largestChange).isGreaterThan(0.1);
        }
    }
}
