package dev.peft4j.core.data.dedup;

/** Which rows count as the same text, for duplicate removal and for the no-row-in-two-splits check. */
public enum DedupMode {
    /** Keep duplicates within a split (rows with the same cleaned text are still kept out of two splits). */
    NONE,
    /** The same cleaned text (and pair text). */
    EXACT,
    /** The same text after NFKC, case folding, punctuation removal and white-space collapse. */
    NORMALIZED
}
