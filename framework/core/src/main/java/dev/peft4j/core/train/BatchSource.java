package dev.peft4j.core.train;

/**
 * A dataset the trainer can cut into batches in any order: the trainer owns the (seeded) order, the source only
 * collates the rows it is asked for.
 */
public interface BatchSource<B extends Batch> {

    /** Number of rows. */
    int size();

    /** Collates the given rows, in the given order. */
    B batch(int[] rows);
}
