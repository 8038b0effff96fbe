package dev.peft4j.core.model.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Scaled dot-product attention over flattened projections, with grouped-query attention when there are fewer key/value
 * heads than query heads (each key/value head serves numHeads / numKeyValueHeads consecutive query heads, as
 * Hugging Face's repeat_kv).
 *
 * @param rotary       rotary embeddings applied to queries and keys, or null
 * @param scale        the factor on q·k, usually 1/√headDim
 * @param dropoutRate  dropout on the attention probabilities while training
 */
public record Attention(int numHeads, int numKeyValueHeads, int headDim, double scale, double dropoutRate,
        Rotary rotary) {

    /**
     * @param q [B·S, numHeads·headDim]
     * @param k [B·S, numKeyValueHeads·headDim]
     * @param v [B·S, numKeyValueHeads·headDim]
     * @return the attention context [B·S, numHeads·headDim]
     */
    public Operand<TFloat32> apply(BuildContext ctx, Sequence seq, Operand<TFloat32> q, Operand<TFloat32> k,
            Operand<TFloat32> v) {
        Ops tf = ctx.tf();
        Operand<TFloat32> qh = heads(tf, seq, q, numHeads);
        Operand<TFloat32> kh = heads(tf, seq, k, numKeyValueHeads);
        Operand<TFloat32> vh = heads(tf, seq, v, numKeyValueHeads);
        if (rotary != null) {
            qh = rotary.apply(tf, qh);
            kh = rotary.apply(tf, kh);
        }
        kh = repeatKeyValue(tf, seq, kh);
        vh = repeatKeyValue(tf, seq, vh);

        Operand<TFloat32> scores = tf.math.mul(ctx.compute().einsum("bhqd,bhkd->bhqk", qh, kh), tf.constant((float) scale));
        Operand<TFloat32> probs = tf.nn.softmax(tf.math.add(scores, seq.attentionBias()));
        probs = ctx.dropout().apply(probs, dropoutRate);
        Operand<TFloat32> context = ctx.compute().einsum("bhqk,bhkd->bhqd", probs, vh);
        Operand<TFloat32> merged = tf.linalg.transpose(context, tf.constant(new int[] {0, 2, 1, 3}));
        return tf.reshape(merged, tf.constant(new int[] {-1, numHeads * headDim}));
    }

    /** [B·S, h·d] → [B, h, S, d]. */
    private Operand<TFloat32> heads(Ops tf, Sequence seq, Operand<TFloat32> x, int count) {
        Operand<TInt32> shape = tf.stack(List.of(seq.batch(), seq.length(), tf.constant(count),
                tf.constant(headDim)));
        return tf.linalg.transpose(tf.reshape(x, shape), tf.constant(new int[] {0, 2, 1, 3}));
    }

    /** [B, kvh, S, d] → [B, h, S, d], each key/value head repeated for its group of query heads. */
    private Operand<TFloat32> repeatKeyValue(Ops tf, Sequence seq, Operand<TFloat32> x) {
        int groups = numHeads / numKeyValueHeads;
        if (groups == 1) {
            return x;
        }
        Operand<TFloat32> expanded = tf.expandDims(x, tf.constant(2));
        Operand<TInt32> target = tf.stack(List.of(seq.batch(), tf.constant(numKeyValueHeads),
                tf.constant(groups), seq.length(), tf.constant(headDim)));
        Operand<TInt32> merged = tf.stack(List.of(seq.batch(), tf.constant(numHeads), seq.length(),
                tf.constant(headDim)));
        return tf.reshape(tf.broadcastTo(expanded, target), merged);
    }
}
