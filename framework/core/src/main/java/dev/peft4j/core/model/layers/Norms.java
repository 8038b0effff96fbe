package dev.peft4j.core.model.layers;

import dev.peft4j.core.gradient.LayerNorm;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/** Normalisations over the last axis, in fp32. */
public final class Norms {

    private Norms() {
    }

    /**
     * {@code (x - mean) / sqrt(var + eps) * weight + bias}, var the biased variance, as torch.nn.LayerNorm; its
     * backward pass is {@link LayerNorm}'s closed form.
     */
    public static Operand<TFloat32> layerNorm(Ops tf, Operand<TFloat32> x, Operand<TFloat32> weight,
            Operand<TFloat32> bias, double eps) {
        return LayerNorm.apply(tf, x, weight, bias, eps);
    }

    /** {@code x / sqrt(mean(x²) + eps) * weight}, as LlamaRMSNorm. */
    public static Operand<TFloat32> rmsNorm(Ops tf, Operand<TFloat32> x, Operand<TFloat32> weight, double eps) {
        Operand<TFloat32> meanSquare = tf.math.mean(tf.math.square(x), tf.constant(-1), Mean.keepDims(true));
        return tf.math.mul(tf.math.mul(x, tf.math.rsqrt(tf.math.add(meanSquare, tf.constant((float) eps)))), weight);
    }
}
