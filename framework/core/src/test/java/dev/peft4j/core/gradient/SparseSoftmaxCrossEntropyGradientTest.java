package dev.peft4j.core.gradient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TFloating;

class SparseSoftmaxCrossEntropyGradientTest {

    private static final int ROWS = 3;
    private static final int CLASSES = 5;
    private static final int[] LABELS = {4, 0, 2};

    @BeforeAll
    static void register() {
        CustomGradients.registerBuiltins();
    }

    @Test
    void gradientMatchesCentralDifferencesInFloat64() {
        double[][] check = gradientAndFiniteDifferences(TFloat64.class, 1e-5);
        for (int i = 0; i < check[0].length; i++) {
            assertThat(check[0][i]).as("d loss / d logits[%d]", i).isCloseTo(check[1][i], within(1e-8));
        }
    }

    @Test
    void gradientMatchesCentralDifferencesInFloat32() {
        double[][] check = gradientAndFiniteDifferences(TFloat32.class, 1e-2);
        for (int i = 0; i < check[0].length; i++) {
            assertThat(check[0][i]).as("d loss / d logits[%d]", i).isCloseTo(check[1][i], within(2e-3));
        }
    }

    @Test
    void registeringTheBuiltinsAgainChangesNothing() {
        CustomGradients.registerBuiltins();
        CustomGradients.registerBuiltins();

        assertThat(CustomGradients.isRegistered(SparseSoftmaxCrossEntropyGradient.OP_TYPE)).isTrue();
        assertThat(gradientAndFiniteDifferences(TFloat64.class, 1e-5)[0]).isNotEmpty();
    }

    @Test
    void aSecondDifferentGradientForTheSameOpTypeIsRefused() {
        assertThatThrownBy(() -> CustomGradients.register(SparseSoftmaxCrossEntropyGradient.OP_TYPE,
                (tf, op, grads) -> List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SparseSoftmaxCrossEntropyWithLogits")
                .hasMessageContaining("once per process");
    }

    @Test
    void anOpWithABuiltInGradientKeepsIt() {
        assertThat(CustomGradients.register("MatMul", (tf, op, grads) -> List.of())).isFalse();
        assertThat(CustomGradients.isRegistered("MatMul")).isFalse();
    }

    /**
     * loss = sum_i w_i * CE(logits_i, label_i) with random row weights, so every row's incoming gradient differs.
     *
     * @return {analytic gradient, central differences}, both flattened [ROWS * CLASSES]
     */
    private static <T extends TFloating> double[][] gradientAndFiniteDifferences(Class<T> type, double eps) {
        Random random = new Random(7);
        double[] logits = new double[ROWS * CLASSES];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = random.nextGaussian() * 2;
        }
        double[] rowWeights = {0.7, -1.3, 2.1};
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<T> x = tf.placeholder(type, Placeholder.shape(Shape.of(ROWS, CLASSES)));
            var ce = tf.nn.sparseSoftmaxCrossEntropyWithLogits(x, tf.constant(LABELS));
            var w = tf.dtypes.cast(tf.constant(rowWeights), type);
            var loss = tf.sum(tf.math.mul(ce.loss(), w), tf.constant(0));
            Output<?> grad = g.addGradients(loss.asOutput(), new Output<?>[] {x.asOutput()})[0];

            double[] analytic = run(s, type, x, grad, logits);
            double[] numeric = new double[logits.length];
            for (int i = 0; i < logits.length; i++) {
                double[] plus = logits.clone();
                double[] minus = logits.clone();
                plus[i] += eps;
                minus[i] -= eps;
                numeric[i] = (run(s, type, x, loss.asOutput(), plus)[0] - run(s, type, x, loss.asOutput(), minus)[0])
                        / (2 * eps);
            }
            return new double[][] {analytic, numeric};
        }
    }

    private static <T extends TFloating> double[] run(Session s, Class<T> type, Placeholder<T> x, Output<?> fetch,
            double[] value) {
        try (var input = tensor(type, value); Result r = s.runner().feed(x, input).fetch(fetch).run()) {
            var out = r.get(0);
            double[] values = new double[(int) out.shape().size()];
            if (out instanceof TFloat64 d) {
                d.copyTo(DataBuffers.of(values, false, false));
            } else {
                float[] f = new float[values.length];
                ((TFloat32) out).copyTo(DataBuffers.of(f, false, false));
                for (int i = 0; i < f.length; i++) {
                    values[i] = f[i];
                }
            }
            return values;
        }
    }

    private static org.tensorflow.Tensor tensor(Class<?> type, double[] value) {
        Shape shape = Shape.of(ROWS, CLASSES);
        if (type == TFloat64.class) {
            return TFloat64.tensorOf(shape, DataBuffers.of(value, true, false));
        }
        float[] f = new float[value.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) value[i];
        }
        return TFloat32.tensorOf(shape, DataBuffers.of(f, true, false));
    }
}
