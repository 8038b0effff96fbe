package dev.peft4j.bench.model;

import java.util.SplittableRandom;

/**
 * The step-by-step data of a run: a small pool of random token sequences (with random classes for a classifier),
 * cycled, so that every engine sees the same batch at the same step and the loss curve moves (the model can memorise
 * the pool), which makes a parity check meaningful.
 */
public final class TokenBatches {

    private final ModelShape shape;
    private final long seed;
    private final int poolSize;

    public TokenBatches(ModelShape shape, long seed, int poolSize) {
        if (poolSize <= 0) {
            throw new IllegalArgumentException("poolSize must be > 0 but was " + poolSize);
        }
        this.shape = shape;
        this.seed = seed;
        this.poolSize = poolSize;
    }

    /** The batch of step {@code step} (0-based): pool entry {@code step % poolSize}. */
    public TokenBatch at(int step) {
        int b = shape.batch();
        int t = shape.seqLen();
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + step % poolSize);
        if (shape instanceof GptShape gpt) {
            return nextTokens(random, b, t, gpt.vocab());
        }
        BertShape bert = (BertShape) shape;
        return classified(random, b, t, bert.vocab(), bert.classes());
    }

    private static TokenBatch nextTokens(SplittableRandom random, int b, int t, int vocab) {
        int[] inputs = new int[b * t];
        int[] labels = new int[b * t];
        for (int row = 0; row < b; row++) {
            int previous = random.nextInt(vocab);
            for (int col = 0; col < t; col++) {
                int next = random.nextInt(vocab);
                inputs[row * t + col] = previous;
                labels[row * t + col] = next;
                previous = next;
            }
        }
        return TokenBatch.nextTokens(b, t, inputs, labels);
    }

    private static TokenBatch classified(SplittableRandom random, int b, int t, int vocab, int classes) {
        int[] inputs = new int[b * t];
        int[] labels = new int[b];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = random.nextInt(vocab);
        }
        for (int row = 0; row < b; row++) {
            labels[row] = random.nextInt(classes);
        }
        return TokenBatch.classified(b, t, inputs, labels);
    }
}
