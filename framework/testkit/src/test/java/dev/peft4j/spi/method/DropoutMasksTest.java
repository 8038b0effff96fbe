package dev.peft4j.spi.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class DropoutMasksTest {

    @Test
    void aReplayedDropoutUsesTheRecordedMaskAndDrawsNothing() {
        try (Graph graph = new Graph()) {
            Recorded r = recordOne(graph);
            int drawsAfterForward = randomOps(graph);
            Operand<TFloat32> rebuilt = DropoutMasks.replay(r.masks(), () -> r.dropout().apply(r.tf(), r.x()));
            List<Operand<TFloat32>> masks = r.masks();

            assertThat(masks).hasSize(1);
            assertThat(drawsAfterForward).isEqualTo(1);
            assertThat(randomOps(graph)).as("random ops after the rebuild").isEqualTo(1);
            assertThat(readsMask((GraphOperation) rebuilt.op(), masks.get(0).op())).isTrue();
        }
    }

    @Test
    void aRebuildThatAsksForMoreOrFewerMasksIsRefused() {
        try (Graph graph = new Graph()) {
            Recorded r = recordOne(graph);
            Ops tf = r.tf();
            Dropout dropout = r.dropout();
            Operand<TFloat32> x = r.x();
            List<Operand<TFloat32>> masks = r.masks();

            assertThatThrownBy(() -> DropoutMasks.replay(masks, () -> dropout.apply(tf, dropout.apply(tf, x))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("asked for dropout mask 2 but its forward pass drew only 1");
            assertThatThrownBy(() -> DropoutMasks.replay(masks, () -> x))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("used 0 dropout masks but its forward pass drew 1");
        }
    }

    @Test
    void recordingsDoNotNestAndEndWithTheirBody() {
        List<Operand<TFloat32>> masks = new ArrayList<>();
        assertThatThrownBy(() -> DropoutMasks.record(masks, () -> DropoutMasks.record(masks, () -> 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already being recorded or replayed");
        // Outside a recording, a draw is just a draw.
        assertThat(DropoutMasks.next(() -> null)).isNull();
        assertThat(masks).isEmpty();
    }

    private record Recorded(Ops tf, Dropout dropout, Operand<TFloat32> x, List<Operand<TFloat32>> masks) {
    }

    /** One dropout applied while recording: its forward pass. */
    private static Recorded recordOne(Graph graph) {
        Ops tf = Ops.create(graph);
        Dropout dropout = Dropout.of(0.3, 7, tf.constant(true));
        Operand<TFloat32> x = tf.constant(new float[] {1, 2, 3});
        List<Operand<TFloat32>> masks = new ArrayList<>();
        DropoutMasks.record(masks, () -> dropout.apply(tf, x));
        return new Recorded(tf, dropout, x, masks);
    }

    private static int randomOps(Graph graph) {
        int n = 0;
        for (var it = graph.operations(); it.hasNext(); ) {
            n += it.next().type().equals("RandomUniform") ? 1 : 0;
        }
        return n;
    }

    /** Whether {@code op} reads {@code mask}, directly or through the ops between them. */
    private static boolean readsMask(GraphOperation op, Object mask) {
        if (op.equals(mask)) {
            return true;
        }
        for (int i = 0; i < op.numInputs(); i++) {
            if (readsMask((GraphOperation) op.input(i).op(), mask)) {
                return true;
            }
        }
        return false;
    }
}
