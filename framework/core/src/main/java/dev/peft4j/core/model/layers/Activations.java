package dev.peft4j.core.model.layers;

import dev.peft4j.core.model.config.Activation;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The graph form of each {@link Activation}; every op used here has a TensorFlow gradient. */
public final class Activations {

    private static final float SQRT_HALF = (float) Math.sqrt(0.5);
    private static final float SQRT_TWO_OVER_PI = (float) Math.sqrt(2 / Math.PI);

    private Activations() {
    }

    public static Operand<TFloat32> apply(Ops tf, Activation activation, Operand<TFloat32> x) {
        return switch (activation) {
            case GELU_EXACT -> geluExact(tf, x);
            case GELU_TANH -> geluTanh(tf, x);
            case RELU -> tf.nn.relu(x);
            case SILU -> tf.math.mul(x, tf.math.sigmoid(x));
        };
    }

    /** 0.5·x·(1 + erf(x/√2)). */
    static Operand<TFloat32> geluExact(Ops tf, Operand<TFloat32> x) {
        Operand<TFloat32> cdf = tf.math.add(tf.constant(1f), tf.math.erf(tf.math.mul(x, tf.constant(SQRT_HALF))));
        return tf.math.mul(tf.math.mul(tf.constant(0.5f), x), cdf);
    }

    /** 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). */
    static Operand<TFloat32> geluTanh(Ops tf, Operand<TFloat32> x) {
        Operand<TFloat32> cube = tf.math.mul(tf.math.square(x), x);
        Operand<TFloat32> inner = tf.math.mul(tf.constant(SQRT_TWO_OVER_PI),
                tf.math.add(x, tf.math.mul(tf.constant(0.044715f), cube)));
        return tf.math.mul(tf.math.mul(tf.constant(0.5f), x), tf.math.add(tf.constant(1f), tf.math.tanh(inner)));
    }
}
