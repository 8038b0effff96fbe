package dev.peft4j.core.train;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The order rows are visited in: a fresh shuffle per epoch that depends only on the seed and the epoch, so a resumed
 * run needs no saved generator state, only its epoch and position.
 */
public final class DataOrder {

    private final long seed;
    private final int rows;
    private final int batchSize;

    public DataOrder(long seed, int rows, int batchSize) {
        this.seed = seed;
        this.rows = rows;
        this.batchSize = batchSize;
    }

    /** The micro-batches of an epoch, each a list of row indices. */
    public int[][] microBatches(int epoch) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(mix(seed, epoch));
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[][] batches = new int[(rows + batchSize - 1) / batchSize][];
        for (int b = 0; b < batches.length; b++) {
            int from = b * batchSize;
            batches[b] = Arrays.copyOfRange(order, from, Math.min(rows, from + batchSize));
        }
        return batches;
    }

    /** The seed of the random ops (dropout) of one micro-batch. */
    public long dropoutSeed(long step, int microBatch) {
        return mix(mix(seed ^ 0x5DEECE66DL, step), microBatch);
    }

    /** SplitMix64's finaliser over a combination, so neighbouring inputs give unrelated seeds. */
    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
