package dev.peft4j.core.gradient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.BiFunction;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class GeluTest {

    private static final float[] X = {-6f, -3.1f, -1.7f, -0.8f, -0.2f, 0f, 0.05f, 0.6f, 1.3f, 2.4f, 5.5f};

    @BeforeAll
    static void register() {
        CustomGradients.registerBuiltins();
    }

    @Test
    void exactGeluHasTheNormalCdfFormAndItsDerivative() {
        float[][] valueAndSlope = run(Gelu::exact);
        for (int i = 0; i < X.length; i++) {
            double x = X[i];
            double cdf = 0.5 * (1 + erf(x / Math.sqrt(2)));
            assertThat(valueAndSlope[0][i]).as("gelu(%s)", x).isCloseTo((float) (x * cdf), within(1e-5f));
            double slope = cdf + x * Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
            assertThat(valueAndSlope[1][i]).as("gelu'(%s)", x).isCloseTo((float) slope, within(1e-5f));
        }
    }

    @Test
    void tanhGeluMatchesCentralDifferencesOfItsOwnForm() {
        DoubleUnaryOperator gelu = x -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
        float[][] valueAndSlope = run(Gelu::tanh);
        for (int i = 0; i < X.length; i++) {
            double x = X[i];
            assertThat(valueAndSlope[0][i]).isCloseTo((float) gelu.applyAsDouble(x), within(1e-5f));
            double h = 1e-4;
            double slope = (gelu.applyAsDouble(x + h) - gelu.applyAsDouble(x - h)) / (2 * h);
            assertThat(valueAndSlope[1][i]).as("gelu_new'(%s)", x).isCloseTo((float) slope, within(1e-5f));
        }
    }

    @Test
    void theBackwardPassReadsOnlyTheInputNotTheForwardIntermediates() {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(X.length)));
            Operand<TFloat32> y = Gelu.exact(tf, x);
            graph.addGradients(tf.sum(y, tf.constant(0)).asOutput(), new Output<?>[] {x.asOutput()});
            graph.operations().forEachRemaining(op -> {
                if (op.type().equals("Erf") && !op.name().startsWith("gradients")) {
                    // x/√2 feeds only the forward Erf, and Erf only the forward 1 + erf: neither is kept for the
                    // backward pass (differentiating Erf op by op would read x/√2 again).
                    GraphOperation erf = (GraphOperation) op;
                    assertThat(((GraphOperation) erf.input(0).op()).numConsumers(0)).isEqualTo(1);
                    assertThat(erf.numConsumers(0)).isEqualTo(1);
                }
            });
        }
    }

    /** {gelu(X), d sum(gelu(X)) / dX}. */
    private static float[][] run(BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> gelu) {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(X.length)));
            Operand<TFloat32> y = gelu.apply(tf, x);
            Output<?>[] grads = graph.addGradients(tf.sum(y, tf.constant(0)).asOutput(), new Output<?>[] {x.asOutput()});
            try (Session session = new Session(graph);
                    TFloat32 in = TFloat32.tensorOf(Shape.of(X.length), DataBuffers.of(X, true, false));
                    Result r = session.runner().feed(x, in).fetch(y).fetch(grads[0]).run()) {
                float[] value = new float[X.length];
                float[] slope = new float[X.length];
                ((TFloat32) r.get(0)).copyTo(DataBuffers.of(value, false, false));
                ((TFloat32) r.get(1)).copyTo(DataBuffers.of(slope, false, false));
                return new float[][] {value, slope};
            }
        }
    }

    /** Abramowitz-Stegun 7.1.26 is too coarse here; a series/continued-fraction erf accurate to ~1e-12. */
    private static double erf(double x) {
        double t = Math.abs(x);
        double result;
        if (t < 2.5) {
            double sum = 0;
            double term = t;
            for (int n = 0; n < 60; n++) {
                sum += term / (2 * n + 1);
                term *= -t * t / (n + 1);
            }
            result = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            double fraction = 0;
            for (int n = 60; n >= 1; n--) {
                fraction = n / 2.0 / (t + fraction);
            }
            result = 1 - Math.exp(-t * t) / Math.sqrt(Math.PI) / (t + fraction);
        }
        return Math.copySign(result, x);
    }
}
