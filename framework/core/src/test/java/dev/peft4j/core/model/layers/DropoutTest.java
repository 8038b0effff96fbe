package dev.peft4j.core.model.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.peft4j.spi.method.DropoutMasks;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

class DropoutTest {

    private static final int ROWS = 100;
    private static final int COLUMNS = 200;

    /** What dropout made of a [100 x 200] input of 1.5s, and the shape of the mask it used. */
    private record Dropped(float[] values, Shape maskShape, Shape staticShape) {
    }

    private static Dropped dropped(double rate, boolean training) {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            PlaceholderWithDefault<TBool> flag = tf.placeholderWithDefault(tf.constant(false), Shape.scalar());
            Operand<TFloat32> x = tf.fill(tf.constant(new int[] {ROWS, COLUMNS}), tf.constant(1.5f));
            List<Operand<TFloat32>> masks = new ArrayList<>();
            Operand<TFloat32> out = DropoutMasks.record(masks, () -> new Dropout(tf, flag, true, 42).apply(x, rate));
            try (TBool value = TBool.scalarOf(training);
                    Result result = session.runner().feed(flag, value).fetch(out).fetch(masks.get(0)).run()) {
                float[] values = new float[ROWS * COLUMNS];
                ((TFloat32) result.get(0)).copyTo(DataBuffers.of(values, false, false));
                return new Dropped(values, result.get(1).shape(), out.shape());
            }
        }
    }

    @Test
    void outsideTrainingTheInputPassesUnchangedAndNoMaskIsDrawnAtItsSize() {
        Dropped eval = dropped(0.3, false);

        for (float v : eval.values()) {
            assertThat(v).isEqualTo(1.5f);
        }
        assertThat(eval.maskShape()).isEqualTo(Shape.of(1, 1));
        assertThat(eval.staticShape()).isEqualTo(Shape.of(ROWS, COLUMNS));
    }

    @Test
    void whileTrainingEachElementIsDroppedOrScaledUpByItsOwnMask() {
        Dropped training = dropped(0.3, true);

        long zeros = 0;
        for (float v : training.values()) {
            assertThat(v).isIn(0f, 1.5f / 0.7f);
            zeros += v == 0 ? 1 : 0;
        }
        assertThat(zeros / (double) (ROWS * COLUMNS)).isCloseTo(0.3, within(0.02));
        assertThat(training.maskShape()).isEqualTo(Shape.of(ROWS, COLUMNS));
    }
}
