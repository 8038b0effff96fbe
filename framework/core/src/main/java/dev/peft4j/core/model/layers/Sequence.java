package dev.peft4j.core.model.layers;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The sequence the transformer blocks see: virtual tokens (if any) followed by the real tokens, S positions in all.
 *
 * @param batch         B, a scalar
 * @param length        S, a scalar
 * @param positions     [B, S], position ids counted over the unmasked positions only
 * @param attentionBias [B, 1, S, S], 0 where a query may attend a key and -1e9 where not (padding, causal mask)
 */
public record Sequence(
        Operand<TInt32> batch,
        Operand<TInt32> length,
        Operand<TInt32> positions,
        Operand<TFloat32> attentionBias) {
}
