package dev.peft4j.core.model.graph;

import dev.peft4j.core.model.layers.BuildContext;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * An encoder's masked-LM head, in two steps so that the large vocabulary projection can run on the masked positions
 * alone: a transform of every position's hidden state, then the projection onto the vocabulary.
 */
public interface MaskedLmHead {

    /** @param hidden [N, H] final hidden states; @return [N, H] */
    Operand<TFloat32> transform(BuildContext ctx, Operand<TFloat32> hidden);

    /** @param transformed [N, H] what {@link #transform} gave; @return logits [N, vocab] */
    Operand<TFloat32> logits(BuildContext ctx, Operand<TFloat32> transformed);
}
