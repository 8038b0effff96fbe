package dev.peft4j.core.data.report;

import java.util.Map;

/**
 * The final contents of one split.
 *
 * @param classCounts rows per class in vocabulary order (classification), else null
 * @param targets     target summary (regression), else null
 * @param words       text length in words (text and pair together)
 */
public record SplitStats(String split, long rows, Map<String, Long> classCounts, TargetStats targets,
                         LengthHistogram words) {

    /** Summary of regression targets. */
    public record TargetStats(double min, double max, double mean) {
    }
}
