package dev.peft4j.spi.method;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peft4j.spi.FloatTensor;
import dev.peft4j.testkit.tensor.Tensors;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

class SwitchTest {

    private static final FloatTensor A = new FloatTensor(new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6});
    private static final FloatTensor B = new FloatTensor(new long[] {2, 3}, new float[] {-1, -2, -3, -4, -5, -6});
    private static final FloatTensor ZEROS = new FloatTensor(new long[] {2, 3}, new float[6]);
    private static final FloatTensor TWOS = new FloatTensor(new long[] {2, 3}, new float[] {2, 2, 2, 2, 2, 2});

    /** {chosen value, d sum(2·chosen) / dA, d sum(2·chosen) / dB}. */
    private static FloatTensor[] chooseAndDifferentiate(boolean on) {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            PlaceholderWithDefault<TBool> flag = tf.placeholderWithDefault(tf.constant(true), Shape.scalar());
            Operand<TFloat32> a = tf.identity(Tensors.constant(tf, A));
            Operand<TFloat32> b = tf.identity(Tensors.constant(tf, B));
            Operand<TFloat32> chosen = Switch.choose(tf, flag, a, b);
            Operand<TFloat32> loss = tf.sum(tf.math.mul(chosen, tf.constant(2f)), tf.constant(new int[] {0, 1}));
            Output<?>[] grads = graph.addGradients(loss.asOutput(), new Output<?>[] {a.asOutput(), b.asOutput()});
            try (TBool value = TBool.scalarOf(on)) {
                Map<Operand<?>, org.tensorflow.Tensor> feed = Map.of(flag, value);
                return new FloatTensor[] {Tensors.run(session, chosen, feed),
                        Tensors.run(session, grads[0].expect(TFloat32.class), feed),
                        Tensors.run(session, grads[1].expect(TFloat32.class), feed)};
            }
        }
    }

    @Test
    void onChoosesTheFirstAndSendsItTheWholeGradient() {
        assertThat(chooseAndDifferentiate(true)).containsExactly(A, TWOS, ZEROS);
    }

    @Test
    void offChoosesTheSecondAndSendsItTheWholeGradient() {
        assertThat(chooseAndDifferentiate(false)).containsExactly(B, ZEROS, TWOS);
    }
}
