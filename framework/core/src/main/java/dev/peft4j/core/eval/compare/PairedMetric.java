package dev.peft4j.core.eval.compare;

import dev.peft4j.core.eval.PredictionTable;

/** A score computed on a subset (with repeats) of a prediction table's rows, for paired resampling. */
public interface PairedMetric {

    /** How the sentence names it, e.g. {@code accuracy} or {@code Spearman correlation}. */
    String name();

    boolean higherIsBetter();

    /** Whether differences read as percentage points (×100), as for accuracy and F1. */
    boolean inPoints();

    /** The score over {@code rows} (indices into the table, possibly repeated). */
    double compute(PredictionTable table, int[] rows);
}
