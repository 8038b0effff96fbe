package dev.peft4j.core.model.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * Rotary position embeddings in Hugging Face's "rotate half" layout: dimension i pairs with i + d/2, and position p
 * rotates the pair by p·f_i.
 *
 * @param cos [B, 1, S, headDim]
 * @param sin [B, 1, S, headDim]
 */
public record Rotary(Operand<TFloat32> cos, Operand<TFloat32> sin) {

    /**
     * @param positions          [B, S] position ids
     * @param inverseFrequencies f_i for i in [0, headDim/2)
     */
    public static Rotary of(Ops tf, Operand<? extends TNumber> positions,
            float[] inverseFrequencies) {
        Operand<TFloat32> pos = tf.expandDims(tf.dtypes.cast(positions, TFloat32.class), tf.constant(-1));
        Operand<TFloat32> freq = tf.reshape(tf.constant(inverseFrequencies), tf.constant(new int[] {1, 1, -1}));
        Operand<TFloat32> angles = tf.math.mul(pos, freq);
        Operand<TFloat32> doubled = tf.concat(List.of(angles, angles), tf.constant(-1));
        Operand<TFloat32> perHead = tf.expandDims(doubled, tf.constant(1));
        return new Rotary(tf.math.cos(perHead), tf.math.sin(perHead));
    }

    /** Rotates x [B, heads, S, headDim]. */
    public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
        var halves = tf.split(tf.constant(3), x, 2L);
        Operand<TFloat32> rotated = tf.concat(
                List.of(tf.math.neg(halves.output().get(1)), halves.output().get(0)), tf.constant(3));
        return tf.math.add(tf.math.mul(x, cos), tf.math.mul(rotated, sin));
    }
}
