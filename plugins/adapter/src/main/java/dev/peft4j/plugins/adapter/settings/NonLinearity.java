package dev.peft4j.plugins.adapter.settings;

import java.util.Arrays;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The activation between the down- and the up-projection. */
public enum NonLinearity {
    RELU("relu"),
    /** Exact GELU, x · Φ(x) with the error function, as Hugging Face's "gelu". */
    GELU("gelu"),
    /** x · sigmoid(x). */
    SWISH("swish"),
    /** Another name of swish. */
    SILU("silu"),
    TANH("tanh");

    private final String settingName;

    NonLinearity(String settingName) {
        this.settingName = settingName;
    }

    public String settingName() {
        return settingName;
    }

    public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
        return switch (this) {
            case RELU -> tf.nn.relu(x);
            case GELU -> tf.math.mul(tf.math.mul(x, tf.constant(0.5f)),
                    tf.math.add(tf.constant(1f), tf.math.erf(tf.math.mul(x, tf.constant((float) (1 / Math.sqrt(2)))))));
            case SWISH, SILU -> tf.math.mul(x, tf.math.sigmoid(x));
            case TANH -> tf.math.tanh(x);
        };
    }

    public static NonLinearity parse(String value) {
        return Arrays.stream(values())
                .filter(n -> n.settingName.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "non-linearity must be one of relu, gelu, swish, silu, tanh; got '" + value + "'"));
    }
}
