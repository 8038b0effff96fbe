package dev.peft4j.core.data.dedup;

/** What to do with rows that have the same text but different labels. */
public enum ConflictPolicy {
    /** Drop every row of the group: the data cannot say which label is right. */
    DROP_ALL,
    /** Keep the first row with the most frequent label; a tie drops the group. */
    MAJORITY,
    /** Keep the first row in file order. */
    FIRST
}
