package dev.peft4j.plugins.lora.targeting;

import dev.peft4j.spi.method.LinearLayer;

/**
 * One linear layer that gets a LoRA adapter, with its rank and scaling after {@code rank-pattern} and
 * {@code alpha-pattern}.
 */
public record LoraTarget(LinearLayer layer, int rank, double alpha, double scaling) {

    public String module() {
        return layer.name();
    }

    /** Trainable values of this adapter: A [r, in] and B [out, r], plus DoRA's magnitude [out]. */
    public long trainableParameters(boolean dora) {
        long parameters = (long) rank * (layer.inFeatures() + layer.outFeatures());
        return dora ? parameters + layer.outFeatures() : parameters;
    }
}
