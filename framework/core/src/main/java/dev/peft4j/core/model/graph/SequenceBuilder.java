package dev.peft4j.core.model.graph;

import dev.peft4j.core.model.layers.Sequence;
import dev.peft4j.core.model.surgery.HookPlan.Prompt;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Builds the sequence the blocks see from the real tokens and the adapters' virtual tokens: [prompts..., tokens].
 *
 * <p>A prompt's mask is its adapter's on/off switch. Position ids count only unmasked positions, so with the prompt
 * switched off the real tokens get positions 0, 1, ... and attend to nothing else: exactly the model without it.
 * Padding works the same way, so left- and right-padded rows get the same positions for their real tokens.
 */
final class SequenceBuilder {

    private static final float MASKED = -1e9f;

    private SequenceBuilder() {
    }

    /**
     * @param realMask [B, T] attention mask of the real tokens, as float
     */
    static Sequence build(Ops tf, Operand<TFloat32> realMask, List<Prompt> prompts, boolean causal) {
        Operand<TInt32> shape = tf.shape(realMask);
        Operand<TInt32> batch = tf.gather(shape, tf.constant(0), tf.constant(0));
        Operand<TInt32> length = tf.math.add(tf.gather(shape, tf.constant(1), tf.constant(0)),
                tf.constant(prompts.stream().mapToInt(Prompt::length).sum()));

        List<Operand<TFloat32>> parts = new ArrayList<>();
        for (Prompt p : prompts) {
            Operand<TFloat32> on = tf.dtypes.cast(p.active(), TFloat32.class);
            parts.add(tf.fill(tf.stack(List.of(batch, tf.constant(p.length()))), on));
        }
        parts.add(realMask);
        Operand<TFloat32> mask = parts.size() == 1 ? realMask : tf.concat(parts, tf.constant(1));

        Operand<TFloat32> counted = tf.math.sub(tf.math.cumsum(mask, tf.constant(1)), tf.constant(1f));
        Operand<TInt32> positions = tf.dtypes.cast(tf.math.maximum(counted, tf.constant(0f)), TInt32.class);

        Operand<TInt32> keyShape = tf.stack(List.of(batch, tf.constant(1), tf.constant(1), length));
        Operand<TFloat32> bias = tf.reshape(tf.math.mul(tf.math.sub(tf.constant(1f), mask), tf.constant(MASKED)),
                keyShape);
        if (causal) {
            bias = tf.math.add(bias, causalBias(tf, length));
        }
        return new Sequence(batch, length, positions, bias);
    }

    /** [1, 1, S, S]: 0 on and below the diagonal, -1e9 above it. */
    private static Operand<TFloat32> causalBias(Ops tf, Operand<TInt32> length) {
        Operand<TInt32> range = tf.range(tf.constant(0), length, tf.constant(1));
        Operand<TInt32> rows = tf.expandDims(range, tf.constant(1));
        Operand<TInt32> cols = tf.expandDims(range, tf.constant(0));
        Operand<TFloat32> future = tf.dtypes.cast(tf.math.greater(cols, rows), TFloat32.class);
        return tf.expandDims(tf.expandDims(tf.math.mul(future, tf.constant(MASKED)), tf.constant(0)), tf.constant(0));
    }

    /** [B, S, H]: each prompt [P, H] broadcast over the batch, then the word embeddings [B, T, H]. */
    static Operand<TFloat32> embeddings(Ops tf, Sequence seq, Operand<TFloat32> words, List<Prompt> prompts,
            int hidden) {
        if (prompts.isEmpty()) {
            return words;
        }
        List<Operand<TFloat32>> parts = new ArrayList<>();
        for (Prompt p : prompts) {
            Operand<TFloat32> one = tf.expandDims(p.embeddings(), tf.constant(0));
            parts.add(tf.broadcastTo(one, tf.stack(List.of(seq.batch(), tf.constant(p.length()),
                    tf.constant(hidden)))));
        }
        parts.add(words);
        return tf.concat(parts, tf.constant(1));
    }

    /** [B, S]: zeros for the virtual tokens, then the real tokens' segment ids. */
    static Operand<TInt32> tokenTypes(Ops tf, Sequence seq, Operand<TInt32> real, int promptLength) {
        if (promptLength == 0) {
            return real;
        }
        Operand<TInt32> zeros = tf.fill(tf.stack(List.of(seq.batch(), tf.constant(promptLength))), tf.constant(0));
        return tf.concat(List.of(zeros, real), tf.constant(1));
    }

    /** The real tokens' part [B, T, H] of hidden states [B·S, H]. */
    static Operand<TFloat32> realTokens(Ops tf, Sequence seq, Operand<TFloat32> hidden, int promptLength, int width) {
        Operand<TFloat32> rows = tf.reshape(hidden, tf.stack(List.of(seq.batch(), seq.length(), tf.constant(width))));
        if (promptLength == 0) {
            return rows;
        }
        return tf.slice(rows, tf.constant(new int[] {0, promptLength, 0}), tf.constant(new int[] {-1, -1, -1}));
    }
}
