package dev.peft4j.core.model;

import com.typesafe.config.Config;

/**
 * How to build a model graph, beyond what config.json says.
 *
 * @param head                 the task head
 * @param precision            matmul precision (weights stay fp32)
 * @param dropout              false leaves every dropout out of the graph (the model's dropout rates otherwise apply
 *                             while training)
 * @param seed                 seeds new head weights and dropout masks
 * @param weightLoadChunkBytes weights are assigned into the session in runs of about this many bytes, bounding the
 *                             memory held outside the session while loading
 * @param gradientCheckpointing keep only each transformer block's input for the backward pass and recompute the rest
 *                             there ({@link dev.peft4j.core.model.layers.Checkpoints})
 */
public record ModelOptions(Head head, Precision precision, boolean dropout, long seed, long weightLoadChunkBytes,
        boolean gradientCheckpointing) {

    public ModelOptions {
        if (head == null || precision == null) {
            throw new IllegalArgumentException("head and precision are required");
        }
        if (weightLoadChunkBytes <= 0) {
            throw new IllegalArgumentException("weightLoadChunkBytes must be positive but is " + weightLoadChunkBytes);
        }
    }

    /** Without gradient checkpointing. */
    public ModelOptions(Head head, Precision precision, boolean dropout, long seed, long weightLoadChunkBytes) {
        this(head, precision, dropout, seed, weightLoadChunkBytes, false);
    }

    /**
     * Reads {@code precision}, {@code dropout}, {@code weight-load-chunk-mb}, {@code gradient-checkpointing} of the
     * {@code peft4j.model} section.
     */
    public static ModelOptions fromConfig(Config model, Head head, long seed) {
        return new ModelOptions(head, Precision.parse(model.getString("precision")), model.getBoolean("dropout"),
                seed, model.getLong("weight-load-chunk-mb") << 20, model.getBoolean("gradient-checkpointing"));
    }

    public ModelOptions withDropout(boolean enabled) {
        return new ModelOptions(head, precision, enabled, seed, weightLoadChunkBytes, gradientCheckpointing);
    }

    public ModelOptions withPrecision(Precision p) {
        return new ModelOptions(head, p, dropout, seed, weightLoadChunkBytes, gradientCheckpointing);
    }

    public ModelOptions withGradientCheckpointing(boolean enabled) {
        return new ModelOptions(head, precision, dropout, seed, weightLoadChunkBytes, enabled);
    }
}
