package dev.peft4j.spi.method;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A linear layer of the base model, named as in the Hugging Face checkpoint.
 *
 * @param name        module name, e.g. {@code encoder.layer.0.attention.self.query} or {@code transformer.h.0.attn.c_attn}
 * @param layerIndex  the transformer block it belongs to, or -1 outside the blocks (e.g. a head)
 * @param inFeatures  input width
 * @param outFeatures output width
 * @param fanInFanOut true when the weight is stored [in, out] (GPT-2's Conv1D) instead of [out, in]
 * @param weight      the frozen weight as stored in the checkpoint
 * @param bias        the frozen bias [out], or null when the layer has none
 */
public record LinearLayer(
        String name,
        int layerIndex,
        int inFeatures,
        int outFeatures,
        boolean fanInFanOut,
        Operand<TFloat32> weight,
        Operand<TFloat32> bias) {

    /** The last dotted component, e.g. {@code query}. */
    public String shortName() {
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
