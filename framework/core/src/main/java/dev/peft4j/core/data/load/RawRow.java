package dev.peft4j.core.data.load;

/**
 * One row as read from a file, before cleaning: its place, its text(s) and its label as written (after
 * {@code label-pattern}, trimmed). {@code pair} is null for single-text tasks.
 */
public record RawRow(String file, long line, String text, String pair, String label) {

    /** The stable id of the row: {@code file:line}. */
    public String id() {
        return file + ":" + line;
    }
}
