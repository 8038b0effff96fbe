package dev.peft4j.core.train;

import java.util.Optional;

/**
 * A dataset the trainer can cut into batches in any order: the trainer owns the (seeded) order, the source only
 * collates the rows it is asked for.
 */
public interface BatchSource<B extends Batch> {

    /** Number of rows. */
    int size();

    /** Collates the given rows, in the given order. */
    B batch(int[] rows);

    /**
     * The micro-batches of one training epoch, when the source groups rows itself (e.g. rows of similar length
     * together, to cut padding); empty lets the trainer shuffle. A plan must depend on the epoch alone, so that a
     * resumed run sees the same batches, and hold every row once in {@code ceil(size / batchSize)} micro-batches of at
     * most {@code batchSize} rows.
     */
    default Optional<int[][]> epochPlan(int epoch, int batchSize) {
        return Optional.empty();
    }
}
