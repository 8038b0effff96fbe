package dev.peft4j.core.model.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** How decoders summarise a sequence for classification. */
public final class Pooling {

    private Pooling() {
    }

    /**
     * The hidden state of the last real token of each row: the highest position whose mask is 1, which is the last
     * token for right padding and for left padding alike (Hugging Face's last non-pad token).
     *
     * @param hidden [B, T, H]
     * @param mask   [B, T]
     * @return [B, H]
     */
    public static Operand<TFloat32> lastToken(Ops tf, Operand<TFloat32> hidden, Operand<TFloat32> mask) {
        Operand<TInt32> length = tf.gather(tf.shape(mask), tf.constant(1), tf.constant(0));
        Operand<TFloat32> positions = tf.dtypes.cast(tf.range(tf.constant(0), length, tf.constant(1)), TFloat32.class);
        Operand<TInt32> last = tf.dtypes.cast(tf.max(tf.math.mul(mask, positions), tf.constant(1)), TInt32.class);
        // A one-hot row times the hidden states picks one position with ops that all have gradients.
        Operand<TFloat32> select = tf.expandDims(tf.oneHot(last, length, tf.constant(1f), tf.constant(0f)),
                tf.constant(1));
        Operand<TFloat32> picked = tf.train.batchMatMul(select, hidden, TFloat32.class);
        return tf.squeeze(picked, Squeeze.axis(List.of(1L)));
    }

    /** The hidden state at position 0 of each row (BERT's [CLS]). @return [B, H] */
    public static Operand<TFloat32> first(Ops tf, Operand<TFloat32> hidden) {
        Operand<TFloat32> row = tf.slice(hidden, tf.constant(new int[] {0, 0, 0}), tf.constant(new int[] {-1, 1, -1}));
        return tf.squeeze(row, Squeeze.axis(List.of(1L)));
    }
}
