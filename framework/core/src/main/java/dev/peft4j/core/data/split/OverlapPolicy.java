package dev.peft4j.core.data.split;

/** What to do with rows whose text (key) is in two splits. */
public enum OverlapPolicy {
    /** Drop them from the earlier split: train yields to validation and test, validation to test. */
    DROP_FROM_TRAIN,
    /** Keep them and only report them (evaluation scores will be optimistic). */
    REPORT_ONLY,
    /** Stop the run, naming the first overlapping rows. */
    FAIL
}
