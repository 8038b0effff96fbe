package dev.peft4j.plugins.lora.graph;

import dev.peft4j.spi.method.Dropout;
import dev.peft4j.spi.method.LinearHook;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/** LoRA on one linear layer: {@code out = base + scaling · dropout(x) · Aᵀ · Bᵀ}, with A [r, in] and B [out, r]. */
public final class LoraLayer implements LinearHook {

    private final Operand<TFloat32> loraA;
    private final Operand<TFloat32> loraB;
    private final float scaling;
    private final Dropout dropout;

    public LoraLayer(Operand<TFloat32> loraA, Operand<TFloat32> loraB, double scaling, Dropout dropout) {
        this.loraA = loraA;
        this.loraB = loraB;
        this.scaling = (float) scaling;
        this.dropout = dropout;
    }

    @Override
    public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> input, Operand<TFloat32> baseOutput) {
        return tf.math.add(baseOutput, update(tf, dropout.apply(tf, input), loraA, loraB, scaling));
    }

    /**
     * {@code scaling · x · Aᵀ · Bᵀ} [tokens, out]. The scaling multiplies the rank-r intermediate [tokens, r], not the
     * [tokens, out] result: the same product, a pass over r columns instead of out, forward and backward (none when
     * scaling is 1).
     */
    static Operand<TFloat32> update(Ops tf, Operand<TFloat32> x, Operand<TFloat32> loraA, Operand<TFloat32> loraB,
            float scaling) {
        Operand<TFloat32> down = tf.linalg.matMul(x, loraA, MatMul.transposeB(true));
        if (scaling != 1f) {
            down = tf.math.mul(down, tf.constant(scaling));
        }
        return tf.linalg.matMul(down, loraB, MatMul.transposeB(true));
    }
}
