package dev.peft4j.core.model.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/** Normalisations over the last axis, in fp32. */
public final class Norms {

    private Norms() {
    }

    /** {@code (x - mean) / sqrt(var + eps) * weight + bias}, var the biased variance, as torch.nn.LayerNorm. */
    public static Operand<TFloat32> layerNorm(Ops tf, Operand<TFloat32> x, Operand<TFloat32> weight,
            Operand<TFloat32> bias, double eps) {
        Operand<TFloat32> mean = tf.math.mean(x, tf.constant(-1), Mean.keepDims(true));
        Operand<TFloat32> centered = tf.math.sub(x, mean);
        Operand<TFloat32> variance = tf.math.mean(tf.math.square(centered), tf.constant(-1), Mean.keepDims(true));
        Operand<TFloat32> inverseStd = tf.math.rsqrt(tf.math.add(variance, tf.constant((float) eps)));
        Operand<TFloat32> normed = tf.math.mul(centered, inverseStd);
        return tf.math.add(tf.math.mul(normed, weight), bias);
    }

    /** {@code x / sqrt(mean(x²) + eps) * weight}, as LlamaRMSNorm. */
    public static Operand<TFloat32> rmsNorm(Ops tf, Operand<TFloat32> x, Operand<TFloat32> weight, double eps) {
        Operand<TFloat32> meanSquare = tf.math.mean(tf.math.square(x), tf.constant(-1), Mean.keepDims(true));
        return tf.math.mul(tf.math.mul(x, tf.math.rsqrt(tf.math.add(meanSquare, tf.constant((float) eps)))), weight);
    }
}
