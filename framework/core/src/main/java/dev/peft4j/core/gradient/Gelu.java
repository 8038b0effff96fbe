package dev.peft4j.core.gradient;

import java.util.List;
import java.util.regex.Pattern;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * GELU whose backward pass keeps only its input. Differentiated op by op, GELU keeps three tensors of its input's size
 * for the backward pass (0.5·x, x/√2 and 1 + erf, or their tanh-form counterparts): in a transformer's MLP that is
 * more than half of all activations held between the forward and the backward pass. Here the forward value is built
 * behind a {@code StopGradient} and passed, with x, through an {@code IdentityN} named {@code gelu_exact} or
 * {@code gelu_tanh}, whose Java gradient ({@link GeluGradient}, through {@link IdentityNGradient}) computes dGELU/dx
 * from x alone. The forward ops' outputs are then freed as soon as the forward pass has used them.
 */
public final class Gelu {

    static final String EXACT = "gelu_exact";
    static final String TANH = "gelu_tanh";
    /** The op names {@link Ops#withName} gives them: {@code gelu_exact}, {@code gelu_exact_1}, ... in any scope. */
    static final Pattern NAME = Pattern.compile("(?:.*/)?(gelu_exact|gelu_tanh)(?:_\\d+)?");

    static final float SQRT_HALF = (float) Math.sqrt(0.5);
    static final float TANH_CUBIC = 0.044715f;
    /** a of the tanh form's sigmoid argument: 2·√(2/π). */
    static final float SIGMOID_LINEAR = (float) (2 * Math.sqrt(2 / Math.PI));

    private Gelu() {
    }

    /** 0.5·x·(1 + erf(x/√2)), as PyTorch's {@code F.gelu} and Hugging Face's {@code gelu}. */
    public static Operand<TFloat32> exact(Ops tf, Operand<TFloat32> x) {
        Operand<TFloat32> cdf = tf.math.add(tf.constant(1f), tf.math.erf(tf.math.mul(x, tf.constant(SQRT_HALF))));
        return withLeanGradient(tf, EXACT, x, tf.math.mul(tf.math.mul(tf.constant(0.5f), x), cdf));
    }

    /**
     * 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), Hugging Face's {@code gelu_new}, computed as x·σ(w) with
     * w = x·(a + b·x²) (since 0.5·(1 + tanh z) = σ(2z)): 6 elementwise passes instead of 9.
     */
    public static Operand<TFloat32> tanh(Ops tf, Operand<TFloat32> x) {
        Operand<TFloat32> g = tf.math.sigmoid(sigmoidArgument(tf, x, tf.math.square(x)));
        return withLeanGradient(tf, TANH, x, tf.math.mul(x, g));
    }

    /** w = x·(a + b·x²), a = 2·√(2/π), b = 0.044715·a, from x and x². */
    static Operand<TFloat32> sigmoidArgument(Ops tf, Operand<TFloat32> x, Operand<TFloat32> square) {
        return tf.math.mul(x, tf.math.add(tf.math.mul(square, tf.constant(TANH_CUBIC * SIGMOID_LINEAR)),
                tf.constant(SIGMOID_LINEAR)));
    }

    private static Operand<TFloat32> withLeanGradient(Ops tf, String name, Operand<TFloat32> x,
            Operand<TFloat32> value) {
        CustomGradients.requireRegistered(IdentityNGradient.OP_TYPE, "GELU");
        List<Output<?>> passed = tf.withName(name).identityN(List.of(tf.stopGradient(value), x)).output();
        return passed.get(0).expect(TFloat32.class);
    }
}
