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
 */
public record ModelOptions(Head head, Precision precision, boolean dropout, long seed, long weightLoadChunkBytes) {

    public ModelOptions {
        if (head == null || precision == null) {
            throw new IllegalArgumentException("head and precision are required");
        }
        if (weightLoadChunkBytes <= 0) {
            throw new IllegalArgumentException("weightLoadChunkBytes must be positive but is " + weightLoadChunkBytes);
        }
    }

    /** Reads {@code precision}, {@code dropout}, {@code weight-load-chunk-mb} of the {@code peft4j.model} section. */
    public static ModelOptions fromConfig(Config model, Head head, long seed) {
        return new ModelOptions(head, Precision.parse(model.getString("precision")), model.getBoolean("dropout"),
                seed, model.getLong("weight-load-chunk-mb") << 20);
    }

    public ModelOptions withDropout(boolean enabled) {
        return new ModelOptions(head, precision, enabled, seed, weightLoadChunkBytes);
    }

    public ModelOptions withPrecision(Precision p) {
        return new ModelOptions(head, p, dropout, seed, weightLoadChunkBytes);
    }
}
