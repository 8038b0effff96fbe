package dev.peft4j.core.data.load;

/** What to do with a row that cannot be read as configured. */
public enum BadRowPolicy {
    /** Skip it, count it under its reason and report it. */
    SKIP,
    /** Stop the run with the row's file:line. */
    FAIL
}
