package dev.peft4j.core.gradient;

import java.util.List;
import java.util.regex.Matcher;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.RawCustomGradient;
import org.tensorflow.types.TFloat32;

/**
 * Gradient of the {@code IdentityN(StopGradient(gelu(x)), x)} that {@link Gelu} builds (dispatched to by
 * {@link IdentityNGradient}): the incoming gradient of the GELU value times dGELU/dx, computed from x alone, goes to x;
 * the stopped input gets the incoming gradient unchanged (StopGradient ends it there).
 */
final class GeluGradient implements RawCustomGradient {

    private static final float INV_SQRT_TWO_PI = (float) (1 / Math.sqrt(2 * Math.PI));

    @Override
    public List<Operand<?>> call(Ops tf, GraphOperation op, List<Output<?>> gradOutputs) {
        Matcher name = Gelu.NAME.matcher(op.name());
        if (!name.matches()) {
            throw new IllegalArgumentException("not a GELU op: " + op.name());
        }
        Operand<TFloat32> dy = gradOutputs.get(0).expect(TFloat32.class);
        Operand<TFloat32> x = op.input(1).expect(TFloat32.class);
        Operand<TFloat32> slope = Gelu.EXACT.equals(name.group(1)) ? exactSlope(tf, x) : tanhSlope(tf, x);
        Operand<TFloat32> dx = tf.math.mul(dy, slope);
        // Output 1 (x passed through) is unused by the model, so TensorFlow hands it a ZerosLike: nothing to add.
        Output<?> passThrough = gradOutputs.get(1);
        if (!passThrough.op().type().equals("ZerosLike")) {
            dx = tf.math.add(dx, passThrough.expect(TFloat32.class));
        }
        return List.of(dy, dx);
    }

    /** Φ(x) + x·φ(x) = 0.5·(1 + erf(x/√2)) + x·exp(-x²/2)/√(2π). */
    private static Operand<TFloat32> exactSlope(Ops tf, Operand<TFloat32> x) {
        Operand<TFloat32> cdf = tf.math.mul(tf.constant(0.5f),
                tf.math.add(tf.constant(1f), tf.math.erf(tf.math.mul(x, tf.constant(Gelu.SQRT_HALF)))));
        Operand<TFloat32> pdf = tf.math.mul(tf.math.exp(tf.math.mul(tf.math.square(x), tf.constant(-0.5f))),
                tf.constant(INV_SQRT_TWO_PI));
        return tf.math.add(cdf, tf.math.mul(x, pdf));
    }

    /**
     * With g = σ(w), w = x·(a + b·x²): d(x·g)/dx = g + x·w'·g·(1 - g), w' = a + 3b·x²; {@code SigmoidGrad(g, v)} is
     * v·g·(1 - g) in one pass.
     */
    private static Operand<TFloat32> tanhSlope(Ops tf, Operand<TFloat32> x) {
        Operand<TFloat32> square = tf.math.square(x);
        Operand<TFloat32> g = tf.math.sigmoid(Gelu.sigmoidArgument(tf, x, square));
        Operand<TFloat32> xTimesSlope = tf.math.mul(x, tf.math.add(
                tf.math.mul(square, tf.constant(3 * Gelu.TANH_CUBIC * Gelu.SIGMOID_LINEAR)),
                tf.constant(Gelu.SIGMOID_LINEAR)));
        return tf.math.add(g, tf.math.sigmoidGrad(g, xTimesSlope));
    }
}
