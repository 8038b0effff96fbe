package com.example.ia3;

import dev.peft4j.spi.method.LinearHook;
import dev.peft4j.spi.method.LinearLayer;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * IA3 on one linear layer. Output scaling: {@code y · l} (l [out], bias included, as PEFT). Input scaling (feed-forward
 * modules): {@code (x · l)·W + b}, computed as {@code y + (x · (l - 1))·W} so that an untrained l = 1 adds exact zeros
 * and the output stays the base output bit for bit.
 */
final class Ia3Hook implements LinearHook {

    private final LinearLayer layer;
    private final Operand<TFloat32> scale;
    private final boolean feedforward;

    /** @param scale the variable ia3_l: [out, 1], or [1, in] for a feed-forward module */
    Ia3Hook(LinearLayer layer, Operand<TFloat32> scale, boolean feedforward) {
        this.layer = layer;
        this.scale = scale;
        this.feedforward = feedforward;
    }

    @Override
    public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> input, Operand<TFloat32> baseOutput) {
        if (!feedforward) {
            return tf.math.mul(baseOutput, tf.reshape(scale, tf.constant(new int[] {1, layer.outFeatures()})));
        }
        Operand<TFloat32> shift = tf.math.sub(scale, tf.constant(1f)); // [1, in], broadcast over the tokens
        Operand<TFloat32> delta = tf.linalg.matMul(tf.math.mul(input, shift), layer.weight(),
                MatMul.transposeB(!layer.fanInFanOut()));
        return tf.math.add(baseOutput, delta);
    }
}
