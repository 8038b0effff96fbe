package dev.peft4j.core.model.layers;

import dev.peft4j.spi.method.DropoutMasks;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Inverted dropout gated by the {@code training} placeholder. In evaluation the keep probability is 1, every element
 * is kept and scaled by 1, so the output equals the input bit for bit. Each dropout op gets its own fixed seed pair,
 * so runs with the same model seed draw the same masks. Masks go through {@link DropoutMasks}: a block rebuilt for
 * gradient checkpointing reuses its forward pass's masks.
 */
public final class Dropout {

    private final Ops tf;
    private final Operand<TBool> training;
    private final boolean enabled;
    private final long seed;
    private long nextOpSeed = 1;

    /** @param enabled false removes every dropout op from the graph (deterministic training) */
    public Dropout(Ops tf, Operand<TBool> training, boolean enabled, long seed) {
        this.tf = tf;
        this.training = training;
        this.enabled = enabled;
        this.seed = seed;
    }

    public Operand<TFloat32> apply(Operand<TFloat32> x, double rate) {
        if (!enabled || rate == 0) {
            return x;
        }
        Operand<TFloat32> scaledMask = DropoutMasks.next(() -> {
            Operand<TFloat32> keep = tf.select(training, tf.constant((float) (1 - rate)), tf.constant(1f));
            // Out of training keep is 1 and the mask a single 1 (DropoutMasks.shape): nothing is drawn at full size.
            Operand<TFloat32> noise = tf.random.randomUniform(DropoutMasks.shape(tf, training, x), TFloat32.class,
                    RandomUniform.seed(seed), RandomUniform.seed2(nextOpSeed++));
            return tf.math.div(tf.dtypes.cast(tf.math.less(noise, keep), TFloat32.class), keep);
        });
        return tf.math.mul(x, scaledMask);
    }
}
