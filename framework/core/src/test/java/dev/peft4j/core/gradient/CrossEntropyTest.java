package dev.peft4j.core.gradient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class CrossEntropyTest {

    private static final int ROWS = 4;
    private static final int CLASSES = 6;
    private static final int[] LABELS = {5, 0, 2, 3};
    private static final float[] ROW_WEIGHTS = {0.7f, -1.3f, 2.1f, 0f};

    @BeforeAll
    static void register() {
        CustomGradients.registerBuiltins();
    }

    @Test
    void lossIsLogSumExpMinusTheLabelsLogitEvenWhereItsProbabilityUnderflows() {
        float[] logits = randomLogits(3);
        // Row 1: the label's logit lies 200 below the others; its softmax probability is 0 in float, -log(p) = inf.
        for (int c = 0; c < CLASSES; c++) {
            logits[CLASSES + c] = 100f;
        }
        logits[CLASSES] = -100f;
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(ROWS, CLASSES)));
            Operand<TFloat32> loss = CrossEntropy.perRow(tf, x, tf.constant(LABELS));
            float[] values = run(s, x, loss.asOutput(), logits);
            for (int row = 0; row < ROWS; row++) {
                assertThat(values[row]).as("row %d", row)
                        .isCloseTo((float) referenceLoss(logits, row), within(2e-5f * Math.max(1, values[row])));
            }
            assertThat(values[1]).isCloseTo(200f + (float) Math.log(CLASSES - 1 + Math.exp(-200)), within(1e-3f));
        }
    }

    @Test
    void gradientMatchesCentralDifferences() {
        float[] logits = randomLogits(7);
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(ROWS, CLASSES)));
            // Weighted rows, one weight 0 (a masked position): each row's incoming gradient differs.
            Operand<TFloat32> loss = tf.sum(tf.math.mul(CrossEntropy.perRow(tf, x, tf.constant(LABELS)),
                    tf.constant(ROW_WEIGHTS)), tf.constant(0));
            Output<?> gradient = g.addGradients(loss.asOutput(), new Output<?>[] {x.asOutput()})[0];

            float[] analytic = run(s, x, gradient, logits);
            double eps = 1e-2;
            for (int i = 0; i < logits.length; i++) {
                float[] plus = logits.clone();
                float[] minus = logits.clone();
                plus[i] += (float) eps;
                minus[i] -= (float) eps;
                double numeric = (run(s, x, loss.asOutput(), plus)[0] - run(s, x, loss.asOutput(), minus)[0])
                        / (2 * eps);
                assertThat((double) analytic[i]).as("d loss / d logits[%d]", i).isCloseTo(numeric, within(2e-3));
            }
            // And the closed form: w_i (softmax_i - one_hot_i).
            for (int row = 0; row < ROWS; row++) {
                double[] p = softmax(logits, row);
                for (int c = 0; c < CLASSES; c++) {
                    double expected = ROW_WEIGHTS[row] * (p[c] - (c == LABELS[row] ? 1 : 0));
                    assertThat((double) analytic[row * CLASSES + c]).isCloseTo(expected, within(1e-6));
                }
            }
        }
    }

    @Test
    void theProjectedFormDifferentiatesStraightToTheHiddenStatesAndTheWeight() {
        int width = 3;
        float[] hidden = randomValues(11, ROWS * width);
        float[] weight = randomValues(12, CLASSES * width);
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> h = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(ROWS, width)));
            Placeholder<TFloat32> w = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(CLASSES, width)));
            Operand<TFloat32> logits = tf.linalg.matMul(h, w, org.tensorflow.op.linalg.MatMul.transposeB(true));
            Operand<TFloat32> perRow = CrossEntropy.projected(tf, logits, h, w, tf.constant(LABELS));
            Operand<TFloat32> loss = tf.sum(tf.math.mul(perRow, tf.constant(ROW_WEIGHTS)), tf.constant(0));
            Output<?>[] gradients = g.addGradients(loss.asOutput(), new Output<?>[] {h.asOutput(), w.asOutput()});
            Operand<TFloat32> unfused = CrossEntropy.perRow(tf, logits, tf.constant(LABELS));

            float[][] values = {hidden, weight};
            Placeholder<?>[] inputs = {h, w};
            long[][] shapes = {{ROWS, width}, {CLASSES, width}};
            assertThat(run2(s, inputs, shapes, values, perRow.asOutput()))
                    .containsExactly(run2(s, inputs, shapes, values, unfused.asOutput()), within(1e-6f));
            double eps = 1e-2;
            for (int which = 0; which < 2; which++) {
                float[] analytic = run2(s, inputs, shapes, values, gradients[which]);
                for (int i = 0; i < values[which].length; i++) {
                    float[][] plus = {hidden.clone(), weight.clone()};
                    float[][] minus = {hidden.clone(), weight.clone()};
                    plus[which][i] += (float) eps;
                    minus[which][i] -= (float) eps;
                    double numeric = (run2(s, inputs, shapes, plus, loss.asOutput())[0]
                            - run2(s, inputs, shapes, minus, loss.asOutput())[0]) / (2 * eps);
                    assertThat((double) analytic[i]).as("d loss / d %s[%d]", which == 0 ? "hidden" : "weight", i)
                            .isCloseTo(numeric, within(3e-3));
                }
            }
        }
    }

    @Test
    void inChunksItComputesTheSameLossAndGradientsAsInOnePiece() {
        int width = 3;
        float[][] values = {randomValues(13, ROWS * width), randomValues(14, CLASSES * width)};
        long[][] shapes = {{ROWS, width}, {CLASSES, width}};
        // 3 chunks: rows 1, 1, 2; 5 chunks: four empty groups, then all rows.
        for (int chunks : new int[] {1, 3, 5}) {
            try (Graph g = new Graph(); Session s = new Session(g)) {
                Ops tf = Ops.create(g);
                Placeholder<TFloat32> h = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, width)));
                Placeholder<TFloat32> w = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(CLASSES, width)));
                Placeholder<?>[] inputs = {h, w};
                Operand<TFloat32> logits = tf.linalg.matMul(h, w, org.tensorflow.op.linalg.MatMul.transposeB(true));
                Operand<TFloat32> whole = CrossEntropy.projected(tf, logits, h, w, tf.constant(LABELS));
                Operand<TFloat32> inChunks = CrossEntropy.projectedInChunks(tf, h, w, tf.constant(LABELS), chunks);
                Output<?>[] expected = g.addGradients(weighted(tf, whole).asOutput(),
                        new Output<?>[] {h.asOutput(), w.asOutput()});
                Output<?>[] actual = g.addGradients(weighted(tf, inChunks).asOutput(),
                        new Output<?>[] {h.asOutput(), w.asOutput()});

                assertThat(run2(s, inputs, shapes, values, inChunks.asOutput())).as("loss in %d chunks", chunks)
                        .containsExactly(run2(s, inputs, shapes, values, whole.asOutput()), within(1e-6f));
                for (int which = 0; which < 2; which++) {
                    assertThat(run2(s, inputs, shapes, values, actual[which]))
                            .as("d loss / d %s in %d chunks", which == 0 ? "hidden" : "weight", chunks)
                            .containsExactly(run2(s, inputs, shapes, values, expected[which]), within(1e-6f));
                }
            }
        }
    }

    private static Operand<TFloat32> weighted(Ops tf, Operand<TFloat32> perRow) {
        return tf.sum(tf.math.mul(perRow, tf.constant(ROW_WEIGHTS)), tf.constant(0));
    }

    @Test
    void aLabelOutsideTheClassesFailsTheRunInsteadOfReadingAnotherRow() {
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(ROWS, CLASSES)));
            // Row 0's label 6 would be row 1's class 0 in the flattened logits.
            Operand<TFloat32> loss = CrossEntropy.perRow(tf, x, tf.constant(new int[] {CLASSES, 0, 2, 3}));
            assertThatThrownBy(() -> run(s, x, loss.asOutput(), randomLogits(1)))
                    .hasMessageContaining("label is outside [0, classes)");
        }
    }

    private static double referenceLoss(float[] logits, int row) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < CLASSES; c++) {
            max = Math.max(max, logits[row * CLASSES + c]);
        }
        double sum = 0;
        for (int c = 0; c < CLASSES; c++) {
            sum += Math.exp(logits[row * CLASSES + c] - max);
        }
        return max + Math.log(sum) - logits[row * CLASSES + LABELS[row]];
    }

    private static double[] softmax(float[] logits, int row) {
        double lse = referenceLoss(logits, row) + logits[row * CLASSES + LABELS[row]];
        double[] p = new double[CLASSES];
        for (int c = 0; c < CLASSES; c++) {
            p[c] = Math.exp(logits[row * CLASSES + c] - lse);
        }
        return p;
    }

    private static float[] randomLogits(long seed) {
        return randomValues(seed, ROWS * CLASSES);
    }

    private static float[] randomValues(long seed, int count) {
        Random random = new Random(seed);
        float[] values = new float[count];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * 2);
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static float[] run2(Session s, Placeholder<?>[] inputs, long[][] shapes, float[][] values, Output<?> fetch) {
        TFloat32 a = TFloat32.tensorOf(Shape.of(shapes[0]), DataBuffers.of(values[0], true, false));
        TFloat32 b = TFloat32.tensorOf(Shape.of(shapes[1]), DataBuffers.of(values[1], true, false));
        try (a; b; Result r = s.runner().feed((Placeholder<TFloat32>) inputs[0], a)
                .feed((Placeholder<TFloat32>) inputs[1], b).fetch(fetch).run()) {
            TFloat32 out = (TFloat32) r.get(0);
            float[] result = new float[(int) out.shape().size()];
            out.copyTo(DataBuffers.of(result, false, false));
            return result;
        }
    }

    private static float[] run(Session s, Placeholder<TFloat32> x, Output<?> fetch, float[] value) {
        try (TFloat32 input = TFloat32.tensorOf(Shape.of(ROWS, CLASSES), DataBuffers.of(value, true, false));
                Result r = s.runner().feed(x, input).fetch(fetch).run()) {
            TFloat32 out = (TFloat32) r.get(0);
            float[] values = new float[(int) out.shape().size()];
            out.copyTo(DataBuffers.of(values, false, false));
            return values;
        }
    }
}
