package dev.peft4j.core.data.dedup;

import dev.peft4j.core.data.report.ConflictExample;
import java.util.List;

/**
 * @param kept              the rows kept, in their given order
 * @param duplicates        rows dropped because an earlier row had the same text and label
 * @param conflictGroups    groups of rows with the same text and different labels
 * @param conflictDropped   rows of those groups dropped by the conflict policy
 * @param conflictExamples  the first few conflict groups
 */
public record DedupResult(int[] kept, long duplicates, long conflictGroups, long conflictDropped,
                          List<ConflictExample> conflictExamples) {

    public DedupResult {
        conflictExamples = List.copyOf(conflictExamples);
    }
}
