package dev.peft4j.core.model.layers;

import dev.peft4j.core.gradient.Gelu;
import dev.peft4j.core.model.config.Activation;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The graph form of each {@link Activation}; every op used here has a TensorFlow gradient, and the GELUs a Java one
 * that keeps only their input for the backward pass ({@link Gelu}).
 */
public final class Activations {

    private Activations() {
    }

    public static Operand<TFloat32> apply(Ops tf, Activation activation, Operand<TFloat32> x) {
        return switch (activation) {
            case GELU_EXACT -> Gelu.exact(tf, x);
            case GELU_TANH -> Gelu.tanh(tf, x);
            case RELU -> tf.nn.relu(x);
            case SILU -> tf.math.mul(x, tf.math.sigmoid(x));
        };
    }
}
