package dev.peft4j.spi.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.peft4j.spi.FloatTensor;
import dev.peft4j.testkit.tensor.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

class DropoutTest {

    private static final FloatTensor ONES = new FloatTensor(new long[] {100, 200}, filled(20_000, 1.5f));

    private static float[] filled(int size, float value) {
        float[] values = new float[size];
        Arrays.fill(values, value);
        return values;
    }

    /** Runs dropout with {@code seed} on {@link #ONES}, {@code runs} times in one session. */
    private static FloatTensor[] dropped(double rate, long seed, boolean training, int runs) {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            PlaceholderWithDefault<TBool> flag = tf.placeholderWithDefault(tf.constant(false), Shape.scalar());
            Operand<TFloat32> out = Dropout.of(rate, seed, flag).apply(tf, Tensors.constant(tf, ONES));
            FloatTensor[] results = new FloatTensor[runs];
            for (int i = 0; i < runs; i++) {
                try (TBool value = TBool.scalarOf(training)) {
                    results[i] = Tensors.run(session, out, Map.of(flag, value));
                }
            }
            return results;
        }
    }

    @Test
    void outsideTrainingTheInputPassesUnchanged() {
        assertThat(dropped(0.5, 42, false, 1)[0]).isEqualTo(ONES);
    }

    @Test
    void whileTrainingElementsAreDroppedOrScaledUp() {
        FloatTensor out = dropped(0.25, 42, true, 1)[0];

        long zeros = 0;
        for (float v : out.data()) {
            assertThat(v).isIn(0f, 1.5f / 0.75f);
            zeros += v == 0 ? 1 : 0;
        }
        assertThat(zeros / 20_000.0).isCloseTo(0.25, within(0.02));
    }

    @Test
    void theSameSeedRepeatsTheMasksAndEachStepDrawsANewOne() {
        FloatTensor[] first = dropped(0.5, 7, true, 2);
        FloatTensor[] again = dropped(0.5, 7, true, 2);
        FloatTensor[] otherSeed = dropped(0.5, 8, true, 1);

        assertThat(again[0]).isEqualTo(first[0]);
        assertThat(again[1]).isEqualTo(first[1]);
        assertThat(first[1]).isNotEqualTo(first[0]);
        assertThat(otherSeed[0]).isNotEqualTo(first[0]);
    }

    @Test
    void outsideTrainingNoMaskIsDrawnAtTheInputsSize() {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            PlaceholderWithDefault<TBool> flag = tf.placeholderWithDefault(tf.constant(false), Shape.scalar());
            List<Operand<TFloat32>> masks = new ArrayList<>();
            Operand<TFloat32> out = DropoutMasks.record(masks,
                    () -> Dropout.of(0.5, 42, flag).apply(tf, Tensors.constant(tf, ONES)));

            assertThat(out.shape()).isEqualTo(Shape.of(100, 200));
            assertThat(masks).hasSize(1);
            for (boolean training : new boolean[] {false, true}) {
                try (TBool value = TBool.scalarOf(training)) {
                    FloatTensor mask = Tensors.run(session, masks.get(0), Map.of(flag, value));
                    assertThat(mask.shape()).isEqualTo(training ? new long[] {100, 200} : new long[] {1, 1});
                }
            }
        }
    }

    @Test
    void noneIsInactiveAndRatesOutsideTheOpenIntervalAreRefused() {
        assertThat(Dropout.none().isActive()).isFalse();
        assertThatThrownBy(() -> Dropout.of(0, 1, null)).hasMessageContaining("(0, 1)");
        assertThatThrownBy(() -> Dropout.of(1, 1, null)).hasMessageContaining("(0, 1)");
    }
}
