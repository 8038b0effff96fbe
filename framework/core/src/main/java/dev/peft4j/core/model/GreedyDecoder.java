package dev.peft4j.core.model;

import dev.peft4j.spi.FloatTensor;
import java.util.Arrays;

/**
 * Greedy text generation with a causal-LM model: appends the most likely next token, one at a time. Each step runs the
 * whole sequence again (the graph keeps no key/value cache), so every step sees exactly what a training step sees:
 * the active adapters' hooks and, for prompt learning, the virtual tokens in front of the context. Fine for tests,
 * demos and short completions; quadratic in the length.
 */
public final class GreedyDecoder {

    /** {@link #generate}'s stop id when generation should only stop at the token budget. */
    public static final int NO_STOP = -1;

    private GreedyDecoder() {
    }

    /**
     * @param context       token ids to continue (at least one)
     * @param maxNewTokens  how many tokens to add at most
     * @param stopId        a token id that ends generation once produced (it is included), or {@link #NO_STOP}
     * @return the new tokens only
     */
    public static int[] generate(ModelGraph model, int[] context, int maxNewTokens, int stopId) {
        if (model.options().head().type() != Head.Type.CAUSAL_LM) {
            throw new IllegalArgumentException("generation needs a causal-LM head but the model has "
                    + model.options().head().type() + "; build it with Head.causalLm()");
        }
        if (context.length == 0) {
            throw new IllegalArgumentException("generation needs at least one context token (e.g. the bos token)");
        }
        if (maxNewTokens < 0) {
            throw new IllegalArgumentException("maxNewTokens must be >= 0, got " + maxNewTokens);
        }
        int[] sequence = Arrays.copyOf(context, context.length + maxNewTokens);
        int length = context.length;
        while (length < sequence.length) {
            FloatTensor logits = model.evaluate(Batch.of(new int[][] {Arrays.copyOf(sequence, length)}),
                    model.logits());
            int next = argmaxOfLastRow(logits, length);
            sequence[length++] = next;
            if (next == stopId) {
                break;
            }
        }
        return Arrays.copyOfRange(sequence, context.length, length);
    }

    /** @param logits [1, length, vocab] */
    private static int argmaxOfLastRow(FloatTensor logits, int length) {
        int vocab = (int) logits.dim(2);
        float[] data = logits.data();
        int offset = (length - 1) * vocab;
        int best = 0;
        for (int v = 1; v < vocab; v++) {
            if (data[offset + v] > data[offset + best]) {
                best = v;
            }
        }
        return best;
    }
}
