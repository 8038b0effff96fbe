package dev.peft4j.plugins.prompttuning;

import dev.peft4j.spi.FloatTensor;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/** Initial values of the soft prompt [virtual tokens, hidden]. */
public final class PromptEmbeddings {

    private PromptEmbeddings() {
    }

    /** N(0, std²). */
    public static FloatTensor random(int tokens, int hidden, double std, RandomGenerator random) {
        float[] values = new float[Math.multiplyExact(tokens, hidden)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
        return new FloatTensor(new long[] {tokens, hidden}, values);
    }

    /** PEFT's text initialisation: the ids cut to {@code tokens}, or repeated until they fill them. */
    public static long[] fill(long[] ids, int tokens) {
        if (ids.length == 0) {
            throw new IllegalArgumentException("the init text encodes to no tokens; give a non-empty "
                    + "method.prompt-tuning.init-text");
        }
        long[] filled = new long[tokens];
        for (int i = 0; i < tokens; i++) {
            filled[i] = ids[i % ids.length];
        }
        return filled;
    }

    /** {@code tokens} ids drawn uniformly from the embedding's rows (PEFT's sample-vocab). */
    public static long[] sample(int tokens, long vocabulary, RandomGenerator random) {
        long[] ids = new long[tokens];
        for (int i = 0; i < tokens; i++) {
            ids[i] = random.nextLong(vocabulary);
        }
        return ids;
    }

    /**
     * The rows {@code ids} of the word embedding matrix.
     *
     * @param embeddingName the matrix's checkpoint name, for error messages
     * @param embeddings    [vocab, hidden]
     */
    public static FloatTensor rows(String embeddingName, FloatTensor embeddings, long[] ids, int hidden) {
        if (embeddings.rank() != 2 || embeddings.dim(1) != hidden) {
            throw new IllegalArgumentException("the word embedding " + embeddingName + " is "
                    + Arrays.toString(embeddings.shape()) + ", expected [vocab, " + hidden + "]");
        }
        float[] values = new float[Math.multiplyExact(ids.length, hidden)];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= embeddings.dim(0)) {
                throw new IllegalArgumentException("token id " + ids[i] + " is outside the word embedding "
                        + embeddingName + " with " + embeddings.dim(0) + " rows");
            }
            System.arraycopy(embeddings.data(), Math.toIntExact(ids[i] * hidden), values, i * hidden, hidden);
        }
        return new FloatTensor(new long[] {ids.length, hidden}, values);
    }
}
