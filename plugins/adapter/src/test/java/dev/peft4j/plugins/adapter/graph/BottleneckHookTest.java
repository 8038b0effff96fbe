package dev.peft4j.plugins.adapter.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.peft4j.plugins.adapter.settings.NonLinearity;
import dev.peft4j.spi.FloatTensor;
import dev.peft4j.spi.method.Dropout;
import dev.peft4j.testkit.tensor.Tensors;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class BottleneckHookTest {

    private static final int TOKENS = 3;
    private static final int HIDDEN = 6;
    private static final int BOTTLENECK = 2;

    private final SplittableRandom random = new SplittableRandom(17);
    private final FloatTensor input = Tensors.random(random, 1, TOKENS, HIDDEN);
    private final FloatTensor output = Tensors.random(random, 1, TOKENS, HIDDEN);
    private final FloatTensor down = Tensors.random(random, 1, BOTTLENECK, HIDDEN);
    private final FloatTensor downBias = Tensors.random(random, 1, BOTTLENECK);
    private final FloatTensor up = Tensors.random(random, 1, HIDDEN, BOTTLENECK);
    private final FloatTensor upBias = Tensors.random(random, 1, HIDDEN);
    private final FloatTensor gamma = Tensors.random(random, 1, HIDDEN);
    private final FloatTensor beta = Tensors.random(random, 1, HIDDEN);
    private final FloatTensor g = Tensors.random(random, 1, TOKENS, HIDDEN);

    private static double activate(NonLinearity f, double x) {
        return switch (f) {
            case RELU -> Math.max(0, x);
            case GELU -> 0.5 * x * (1 + erf(x / Math.sqrt(2)));
            case SWISH, SILU -> x / (1 + Math.exp(-x));
            case TANH -> Math.tanh(x);
        };
    }

    /** Abramowitz-Stegun 7.1.26 is too coarse here; integrate instead (Simpson, 2000 steps). */
    private static double erf(double x) {
        int n = 2000;
        double h = x / n;
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double t = i * h;
            double weight = i == 0 || i == n ? 1 : (i % 2 == 1 ? 4 : 2);
            sum += weight * Math.exp(-t * t);
        }
        return 2 / Math.sqrt(Math.PI) * sum * h / 3;
    }

    /** The bottleneck's z = f(down · h + b) [tokens, bottleneck] and the adapter's output, in double. */
    private double[][][] reference(NonLinearity f, boolean parallel, boolean layerNorm, double scaling) {
        FloatTensor source = parallel ? input : output;
        double[][] z = new double[TOKENS][BOTTLENECK];
        double[][] out = new double[TOKENS][HIDDEN];
        for (int t = 0; t < TOKENS; t++) {
            double[] h = new double[HIDDEN];
            for (int i = 0; i < HIDDEN; i++) {
                h[i] = source.data()[t * HIDDEN + i];
            }
            if (layerNorm) {
                double mean = 0;
                for (double v : h) {
                    mean += v / HIDDEN;
                }
                double variance = 0;
                for (double v : h) {
                    variance += (v - mean) * (v - mean) / HIDDEN;
                }
                for (int i = 0; i < HIDDEN; i++) {
                    h[i] = (h[i] - mean) / Math.sqrt(variance + 1e-5) * gamma.data()[i] + beta.data()[i];
                }
            }
            for (int k = 0; k < BOTTLENECK; k++) {
                double sum = downBias.data()[k];
                for (int i = 0; i < HIDDEN; i++) {
                    sum += down.data()[k * HIDDEN + i] * h[i];
                }
                z[t][k] = activate(f, sum);
            }
            for (int j = 0; j < HIDDEN; j++) {
                double sum = upBias.data()[j];
                for (int k = 0; k < BOTTLENECK; k++) {
                    sum += up.data()[j * BOTTLENECK + k] * z[t][k];
                }
                out[t][j] = output.data()[t * HIDDEN + j] + scaling * sum;
            }
        }
        return new double[][][] {z, out};
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

    private BottleneckWeights weights(Ops tf, FloatTensor upWeight, Operand<TFloat32> scaling, boolean layerNorm) {
        return new BottleneckWeights(Tensors.constant(tf, down), Tensors.constant(tf, downBias),
                Tensors.constant(tf, upWeight), Tensors.constant(tf, upBias), scaling,
                layerNorm ? Tensors.constant(tf, gamma) : null, layerNorm ? Tensors.constant(tf, beta) : null);
    }

    @ParameterizedTest(name = "{0}, parallel {1}, layer norm {2}")
    @CsvSource({"RELU, false, false", "GELU, false, true", "SWISH, true, false", "SILU, false, false",
            "TANH, true, true"})
    void addsTheScaledBottleneckOfTheOutputOrOfTheInputWhenParallel(NonLinearity f, boolean parallel, boolean layerNorm) {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            BottleneckHook hook = new BottleneckHook(weights(tf, up, tf.constant(2.5f), layerNorm), f, parallel, 1e-5,
                    Dropout.none());

            FloatTensor out = Tensors.run(session,
                    hook.apply(tf, Tensors.constant(tf, input), Tensors.constant(tf, output)), Map.of());

            assertClose(out, reference(f, parallel, layerNorm, 2.5)[1], 1e-5);
        }
    }

    @Test
    void aZeroUpProjectionAndBiasLeaveTheOutputExactlyAsItWas() {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            BottleneckWeights zeroUp = new BottleneckWeights(Tensors.constant(tf, down), Tensors.constant(tf, downBias),
                    Tensors.constant(tf, FloatTensor.zeros(HIDDEN, BOTTLENECK)), Tensors.constant(tf, FloatTensor.zeros(HIDDEN)),
                    tf.constant(4f), Tensors.constant(tf, gamma), Tensors.constant(tf, beta));

            FloatTensor out = Tensors.run(session, new BottleneckHook(zeroUp, NonLinearity.GELU, true, 1e-5, Dropout.none())
                    .apply(tf, Tensors.constant(tf, input), Tensors.constant(tf, output)), Map.of());

            assertThat(out).isEqualTo(output);
        }
    }

    @Test
    void gradientsReachTheUpProjectionAndALearnedScaling() {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Variable<TFloat32> upVar = tf.variable(Tensors.constant(tf, up));
            Variable<TFloat32> scaling = tf.variable(Tensors.constant(tf, new FloatTensor(new long[] {1}, new float[] {1.5f})));
            Variable<TFloat32> gammaVar = tf.variable(Tensors.constant(tf, gamma));
            BottleneckWeights weights = new BottleneckWeights(Tensors.constant(tf, down), Tensors.constant(tf, downBias),
                    upVar, Tensors.constant(tf, upBias), scaling, gammaVar, Tensors.constant(tf, beta));
            Operand<TFloat32> out = new BottleneckHook(weights, NonLinearity.GELU, false, 1e-5, Dropout.none())
                    .apply(tf, Tensors.constant(tf, input), Tensors.constant(tf, output));
            Operand<TFloat32> loss = tf.reduceSum(tf.math.mul(out, Tensors.constant(tf, g)), tf.constant(new int[] {0, 1}));

            Output<?>[] grads = graph.addGradients(loss.asOutput(),
                    new Output<?>[] {upVar.asOutput(), scaling.asOutput(), gammaVar.asOutput()});
            @SuppressWarnings("unchecked")
            FloatTensor gradUp = Tensors.run(session, (Operand<TFloat32>) grads[0], Map.of());
            @SuppressWarnings("unchecked")
            FloatTensor gradScaling = Tensors.run(session, (Operand<TFloat32>) grads[1], Map.of());
            @SuppressWarnings("unchecked")
            FloatTensor gradGamma = Tensors.run(session, (Operand<TFloat32>) grads[2], Map.of());

            // dL/dU[j,k] = s · Σ_t g[t,j] z[t,k];  dL/ds = Σ_t Σ_j g[t,j] (U z + b)[t,j]
            double[][][] ref = reference(NonLinearity.GELU, false, true, 1.5);
            double[][] z = ref[0];
            double[][] expectedUp = new double[HIDDEN][BOTTLENECK];
            double expectedScaling = 0;
            for (int t = 0; t < TOKENS; t++) {
                for (int j = 0; j < HIDDEN; j++) {
                    double gtj = g.data()[t * HIDDEN + j];
                    for (int k = 0; k < BOTTLENECK; k++) {
                        expectedUp[j][k] += 1.5 * gtj * z[t][k];
                    }
                    expectedScaling += gtj * (ref[1][t][j] - output.data()[t * HIDDEN + j]) / 1.5;
                }
            }
            assertClose(gradUp, expectedUp, 1e-4);
            assertThat((double) gradScaling.data()[0]).isCloseTo(expectedScaling, within(1e-4));
            assertThat(gradGamma.data()).isNotEqualTo(new float[HIDDEN]);
        }
    }
}
