package dev.peft4j.core.train;

import java.util.List;

/**
 * A collated group of rows, ready to be fed to a {@link TrainableModel}. The trainer and evaluator only need its size,
 * its token count (for tokens/s) and, for evaluation, the text and gold value of each row.
 */
public interface Batch {

    /** Number of rows. */
    int size();

    /** Non-padding tokens in the batch, for throughput. */
    long tokenCount();

    /** The text of each row, as written to {@code predictions.tsv}. */
    List<String> texts();

    /** Gold class index of each row for classification; null for other tasks and unlabelled rows. */
    int[] goldClasses();

    /** Gold value of each row for regression; null for other tasks and unlabelled rows. */
    double[] goldValues();
}
