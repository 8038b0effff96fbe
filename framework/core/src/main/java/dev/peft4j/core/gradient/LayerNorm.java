package dev.peft4j.core.gradient;

import java.util.List;
import java.util.regex.Pattern;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * LayerNorm over the last axis, {@code (x - mean) / sqrt(var + eps) * weight + bias} with the biased variance (as
 * {@code torch.nn.LayerNorm}), with a closed-form backward pass. Differentiated op by op, its 9 forward ops take 74
 * more backward graph ops than this form does (counted: broadcast gradients, tiles of the means' gradients, sums over
 * broadcast axes), about 11 more of them passes over [tokens, hidden] in a traced MiniLM step. Here the value is
 * built behind a {@code StopGradient} and passed, with x, the weight, the bias and the row statistics, through an
 * {@code IdentityN} named {@code layer_norm}, whose Java gradient ({@link IdentityNGradient}) is, with
 * x̂ = (x - mean)·rstd and g = dy·weight: {@code dx = rstd·(g - mean(g) - x̂·mean(g·x̂))},
 * {@code dweight = Σ dy·x̂}, {@code dbias = Σ dy}. What the backward pass keeps is x and two numbers per row.
 */
public final class LayerNorm {

    static final String NAME_PREFIX = "layer_norm";
    /** The op names {@link Ops#withName} gives: {@code layer_norm}, {@code layer_norm_1}, ... */
    static final Pattern NAME = Pattern.compile("(?:.*/)?layer_norm(?:_\\d+)?");

    private LayerNorm() {
    }

    /**
     * @param x      [..., H]
     * @param weight [H]
     * @param bias   [H]
     */
    public static Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, Operand<TFloat32> weight,
            Operand<TFloat32> bias, double eps) {
        CustomGradients.requireRegistered(IdentityNGradient.OP_TYPE, "LayerNorm");
        Operand<TInt32> lastAxis = tf.constant(-1);
        Operand<TFloat32> mean = tf.math.mean(x, lastAxis, Mean.keepDims(true));
        Operand<TFloat32> centered = tf.math.sub(x, mean);
        Operand<TFloat32> variance = tf.math.mean(tf.math.square(centered), lastAxis, Mean.keepDims(true));
        Operand<TFloat32> inverseStd = tf.math.rsqrt(tf.math.add(variance, tf.constant((float) eps)));
        Operand<TFloat32> value = tf.math.add(tf.math.mul(tf.math.mul(centered, inverseStd), weight), bias);
        List<Output<?>> passed = tf.withName(NAME_PREFIX).identityN(List.of(tf.stopGradient(value), x, weight, bias,
                tf.stopGradient(mean), tf.stopGradient(inverseStd))).output();
        return passed.get(0).expect(TFloat32.class);
    }

    /** Inputs: the stopped value, x, weight, bias, the stopped mean and 1/std (both [..., 1]). */
    static List<Operand<?>> gradient(Ops tf, Output<TFloat32> dy, Operand<TFloat32> x, Operand<TFloat32> weight,
            Operand<TFloat32> mean, Operand<TFloat32> inverseStd, List<Output<?>> gradOutputs) {
        Operand<TInt32> lastAxis = tf.constant(-1);
        Operand<TFloat32> normed = tf.math.mul(tf.math.sub(x, mean), inverseStd);
        Operand<TFloat32> g = tf.math.mul(dy, weight);
        Operand<TFloat32> meanG = tf.math.mean(g, lastAxis, Mean.keepDims(true));
        Operand<TFloat32> meanGNormed = tf.math.mean(tf.math.mul(g, normed), lastAxis, Mean.keepDims(true));
        Operand<TFloat32> dx = tf.math.mul(tf.math.sub(tf.math.sub(g, meanG), tf.math.mul(normed, meanGNormed)),
                inverseStd);
        // Weight and bias gradients sum over every row; TensorFlow computes them only when they are trained.
        Operand<TInt32> rows = tf.concat(List.of(tf.constant(new int[] {-1}), tf.shape(weight)), tf.constant(0));
        Operand<TInt32> firstAxis = tf.constant(0);
        Operand<TFloat32> dWeight = tf.sum(tf.reshape(tf.math.mul(dy, normed), rows), firstAxis);
        Operand<TFloat32> dBias = tf.sum(tf.reshape(dy, rows), firstAxis);
        return List.of(dy, dx, dWeight, dBias, gradOutputs.get(4), gradOutputs.get(5));
    }
}
