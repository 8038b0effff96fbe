package dev.peft4j.core.data.report;

import java.util.List;

/**
 * Rows of one split whose text is also in a later split.
 *
 * @param rows     rows of {@code earlier} whose key is in {@code later}
 * @param dropped  of those, how many were dropped from {@code earlier}
 */
public record Overlap(String earlier, String later, long rows, long dropped, List<Example> examples) {

    /** One overlapping row and the row of the later split it matches. */
    public record Example(String earlierId, String laterId, String text) {
    }

    public Overlap {
        examples = List.copyOf(examples);
    }
}
