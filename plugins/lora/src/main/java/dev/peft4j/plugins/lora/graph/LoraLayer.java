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
        return tf.math.add(baseOutput, tf.math.mul(update(tf, dropout.apply(tf, input), loraA, loraB), tf.constant(scaling)));
    }

    /** {@code x · Aᵀ · Bᵀ} [tokens, out], without the scaling. */
    static Operand<TFloat32> update(Ops tf, Operand<TFloat32> x, Operand<TFloat32> loraA, Operand<TFloat32> loraB) {
        Operand<TFloat32> down = tf.linalg.matMul(x, loraA, MatMul.transposeB(true));
        return tf.linalg.matMul(down, loraB, MatMul.transposeB(true));
    }
}
