package dev.peft4j.spi.method;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Inverted dropout that acts only while the model trains: each element is kept with probability 1 - rate and scaled
 * by 1 / (1 - rate). The mask comes from a seeded random op, so a run repeats exactly, and through
 * {@link DropoutMasks}, so a block rebuilt for gradient checkpointing reuses it.
 */
public final class Dropout {

    private static final Dropout NONE = new Dropout(0, 0, 0, null);

    private final float rate;
    private final long seed;
    private final long seed2;
    private final Operand<TBool> training;

    private Dropout(float rate, long seed, long seed2, Operand<TBool> training) {
        this.rate = rate;
        this.seed = seed;
        this.seed2 = seed2;
        this.training = training;
    }

    /** No dropout: {@link #apply} returns its input and {@link #select} its evaluation value. */
    public static Dropout none() {
        return NONE;
    }

    /**
     * @param rate     probability of dropping an element, in (0, 1)
     * @param seed     non-zero seed of the mask's random op
     * @param training true while training (the host's {@code ModelSurgery.training()})
     */
    public static Dropout of(double rate, long seed, Operand<TBool> training) {
        if (!(rate > 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate must be in (0, 1), got " + rate);
        }
        // TensorFlow treats a seed pair of (0, 0) as "unseeded"; keep both halves non-zero.
        long high = (seed >>> 32) | 1;
        long low = (seed & 0xffffffffL) | 1;
        return new Dropout((float) rate, high, low, training);
    }

    public boolean isActive() {
        return training != null;
    }

    public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
        if (!isActive()) {
            return x;
        }
        Operand<TFloat32> scaledMask = DropoutMasks.next(() -> {
            Operand<TFloat32> uniform = tf.random.randomUniform(DropoutMasks.shape(tf, training, x), TFloat32.class,
                    RandomUniform.seed(seed), RandomUniform.seed2(seed2));
            Operand<TFloat32> keep = tf.dtypes.cast(tf.math.greaterEqual(uniform, tf.constant(rate)), TFloat32.class);
            return tf.math.mul(keep, tf.constant(1f / (1f - rate)));
        });
        return select(tf, tf.math.mul(x, scaledMask), x);
    }

    /** {@code whenTraining} while training with this dropout active, {@code otherwise} else. */
    public Operand<TFloat32> select(Ops tf, Operand<TFloat32> whenTraining, Operand<TFloat32> otherwise) {
        return isActive() ? Switch.choose(tf, training, whenTraining, otherwise) : otherwise;
    }
}
