package dev.peft4j.core.data;

import dev.peft4j.core.data.report.LengthHistogram;
import dev.peft4j.core.data.report.SplitStats;
import dev.peft4j.core.data.split.SplitName;
import dev.peft4j.core.data.store.RowTable;
import java.util.LinkedHashMap;
import java.util.Map;

/** Summarizes a split's rows for the report: class counts or target range, and the word length histogram. */
final class SplitStatistics {

    private SplitStatistics() {
    }

    static SplitStats of(SplitName split, int[] rows, RowTable table, LabelVocabulary labels, int binWidth) {
        LengthHistogram.Builder words = new LengthHistogram.Builder();
        for (int row : rows) {
            words.add(table.words(row));
        }
        return new SplitStats(split.key(), rows.length, labels == null ? null : classCounts(rows, table, labels),
                labels == null ? targets(rows, table) : null, words.build("words", binWidth));
    }

    /** Rows per class name, in vocabulary order, classes without rows included. */
    static Map<String, Long> classCounts(int[] rows, RowTable table, LabelVocabulary labels) {
        long[] counts = new long[labels.size()];
        for (int row : rows) {
            counts[table.classIndex(row)]++;
        }
        Map<String, Long> named = new LinkedHashMap<>();
        for (int c = 0; c < counts.length; c++) {
            named.put(labels.name(c), counts[c]);
        }
        return named;
    }

    private static SplitStats.TargetStats targets(int[] rows, RowTable table) {
        if (rows.length == 0) {
            return new SplitStats.TargetStats(0, 0, 0);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (int row : rows) {
            double target = table.target(row);
            min = Math.min(min, target);
            max = Math.max(max, target);
            sum += target;
        }
        return new SplitStats.TargetStats(min, max, sum / rows.length);
    }
}
