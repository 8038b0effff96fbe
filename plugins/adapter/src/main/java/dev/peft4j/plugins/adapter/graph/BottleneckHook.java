package dev.peft4j.plugins.adapter.graph;

import dev.peft4j.plugins.adapter.settings.NonLinearity;
import dev.peft4j.spi.method.Dropout;
import dev.peft4j.spi.method.SubLayerHook;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * A bottleneck adapter on a sub-layer: {@code output + scaling · dropout(up(f(down(LN(h)))))}, where h is the
 * sub-layer's output (sequential, Houlsby / Pfeiffer) or its input (parallel, He et al.).
 */
public final class BottleneckHook implements SubLayerHook {

    private final BottleneckWeights weights;
    private final NonLinearity nonLinearity;
    private final boolean parallel;
    private final float layerNormEpsilon;
    private final Dropout dropout;

    public BottleneckHook(BottleneckWeights weights, NonLinearity nonLinearity, boolean parallel,
            double layerNormEpsilon, Dropout dropout) {
        this.weights = weights;
        this.nonLinearity = nonLinearity;
        this.parallel = parallel;
        this.layerNormEpsilon = (float) layerNormEpsilon;
        this.dropout = dropout;
    }

    @Override
    public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> input, Operand<TFloat32> output) {
        Operand<TFloat32> h = parallel ? input : output;
        if (weights.hasLayerNorm()) {
            h = layerNorm(tf, h);
        }
        Operand<TFloat32> down = tf.math.add(tf.linalg.matMul(h, weights.downWeight(), MatMul.transposeB(true)),
                weights.downBias());
        Operand<TFloat32> up = tf.math.add(
                tf.linalg.matMul(nonLinearity.apply(tf, down), weights.upWeight(), MatMul.transposeB(true)),
                weights.upBias());
        return tf.math.add(output, tf.math.mul(dropout.apply(tf, up), weights.scaling()));
    }

    /** (h - mean) / sqrt(variance + eps) · weight + bias over the last axis, with the biased variance as PyTorch. */
    private Operand<TFloat32> layerNorm(Ops tf, Operand<TFloat32> h) {
        Operand<TFloat32> mean = tf.math.mean(h, tf.constant(-1), Mean.keepDims(true));
        Operand<TFloat32> variance = tf.math.mean(tf.math.squaredDifference(h, mean), tf.constant(-1),
                Mean.keepDims(true));
        Operand<TFloat32> normalised = tf.math.mul(tf.math.sub(h, mean),
                tf.math.rsqrt(tf.math.add(variance, tf.constant(layerNormEpsilon))));
        return tf.math.add(tf.math.mul(normalised, weights.layerNormWeight()), weights.layerNormBias());
    }
}
