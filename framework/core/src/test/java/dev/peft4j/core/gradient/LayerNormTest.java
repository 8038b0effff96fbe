package dev.peft4j.core.gradient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
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

class LayerNormTest {

    private static final int BATCH = 2;
    private static final int ROWS = 3;
    private static final int WIDTH = 5;
    private static final double EPS = 1e-5;

    @BeforeAll
    static void register() {
        CustomGradients.registerBuiltins();
    }

    @Test
    void valueIsTorchsLayerNorm() {
        float[][] inputs = inputs();
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Graphs graphs = new Graphs(g);
            float[] y = graphs.run(s, graphs.value.asOutput(), inputs);
            for (int row = 0; row < BATCH * ROWS; row++) {
                double mean = 0;
                double square = 0;
                for (int i = 0; i < WIDTH; i++) {
                    mean += inputs[0][row * WIDTH + i] / WIDTH;
                }
                for (int i = 0; i < WIDTH; i++) {
                    square += Math.pow(inputs[0][row * WIDTH + i] - mean, 2) / WIDTH;
                }
                for (int i = 0; i < WIDTH; i++) {
                    double expected = (inputs[0][row * WIDTH + i] - mean) / Math.sqrt(square + EPS) * inputs[1][i]
                            + inputs[2][i];
                    assertThat((double) y[row * WIDTH + i]).isCloseTo(expected, within(1e-5));
                }
            }
        }
    }

    @Test
    void gradientsOfInputWeightAndBiasMatchCentralDifferences() {
        float[][] inputs = inputs();
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Graphs graphs = new Graphs(g);
            String[] names = {"x", "weight", "bias"};
            double eps = 1e-2;
            for (int which = 0; which < 3; which++) {
                float[] analytic = graphs.run(s, graphs.gradients[which], inputs);
                for (int i = 0; i < inputs[which].length; i++) {
                    float[][] plus = copy(inputs);
                    float[][] minus = copy(inputs);
                    plus[which][i] += (float) eps;
                    minus[which][i] -= (float) eps;
                    double numeric = (graphs.run(s, graphs.loss.asOutput(), plus)[0]
                            - graphs.run(s, graphs.loss.asOutput(), minus)[0]) / (2 * eps);
                    assertThat((double) analytic[i]).as("d loss / d %s[%d]", names[which], i)
                            .isCloseTo(numeric, within(2e-3 * Math.max(1, Math.abs(numeric))));
                }
            }
        }
    }

    @Test
    void theBackwardPassKeepsTheInputNotTheForwardIntermediates() {
        try (Graph g = new Graph()) {
            new Graphs(g);
            g.operations().forEachRemaining(op -> {
                if (op.type().equals("Square") && !op.name().startsWith("gradients")) {
                    // x - mean feeds the forward Square and the forward product only: not kept for the backward.
                    GraphOperation centered = (GraphOperation) ((GraphOperation) op).input(0).op();
                    assertThat(centered.numConsumers(0)).isEqualTo(2);
                }
            });
        }
    }

    /** loss = Σ LayerNorm(x)·r with a random r, so that every output has its own incoming gradient. */
    private static final class Graphs {
        private final Placeholder<TFloat32>[] inputs;
        final Operand<TFloat32> value;
        final Operand<TFloat32> loss;
        final Output<?>[] gradients;

        @SuppressWarnings("unchecked")
        Graphs(Graph g) {
            Ops tf = Ops.create(g);
            inputs = new Placeholder[] {
                tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(BATCH, ROWS, WIDTH))),
                tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(WIDTH))),
                tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(WIDTH)))};
            value = LayerNorm.apply(tf, inputs[0], inputs[1], inputs[2], EPS);
            Operand<TFloat32> r = tf.constant(Shape.of(BATCH, ROWS, WIDTH),
                    DataBuffers.of(random(3, BATCH * ROWS * WIDTH)));
            loss = tf.sum(tf.math.mul(value, r), tf.constant(new int[] {0, 1, 2}));
            gradients = g.addGradients(loss.asOutput(),
                    new Output<?>[] {inputs[0].asOutput(), inputs[1].asOutput(), inputs[2].asOutput()});
        }

        float[] run(Session s, Output<?> fetch, float[][] values) {
            long[][] shapes = {{BATCH, ROWS, WIDTH}, {WIDTH}, {WIDTH}};
            TFloat32 x = TFloat32.tensorOf(Shape.of(shapes[0]), DataBuffers.of(values[0], true, false));
            TFloat32 w = TFloat32.tensorOf(Shape.of(shapes[1]), DataBuffers.of(values[1], true, false));
            TFloat32 b = TFloat32.tensorOf(Shape.of(shapes[2]), DataBuffers.of(values[2], true, false));
            try (x; w; b; Result r = s.runner().feed(inputs[0], x).feed(inputs[1], w).feed(inputs[2], b)
                    .fetch(fetch).run()) {
                TFloat32 out = (TFloat32) r.get(0);
                float[] result = new float[(int) out.shape().size()];
                out.copyTo(DataBuffers.of(result, false, false));
                return result;
            }
        }
    }

    private static float[][] inputs() {
        float[] weight = random(2, WIDTH);
        for (int i = 0; i < WIDTH; i++) {
            weight[i] += 1;
        }
        return new float[][] {random(1, BATCH * ROWS * WIDTH), weight, random(4, WIDTH)};
    }

    private static float[][] copy(float[][] values) {
        return new float[][] {values[0].clone(), values[1].clone(), values[2].clone()};
    }

    private static float[] random(long seed, int count) {
        Random random = new Random(seed);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
