package dev.peft4j.core.data.dedup;

import dev.peft4j.core.data.report.ConflictExample;
import dev.peft4j.core.data.store.KeyIndex;
import dev.peft4j.core.data.store.RowTable;
import dev.peft4j.core.data.store.StoredText;
import dev.peft4j.core.data.store.TextStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Removes rows whose key (see {@link TextKeys}) an earlier row already has. Same text with the same label: the first
 * row stays. Same text with different labels: resolved by the {@link ConflictPolicy}.
 */
public final class Deduplicator {

    private final DedupSettings settings;
    private final int maxExamples;

    public Deduplicator(DedupSettings settings, int maxExamples) {
        this.settings = settings;
        this.maxExamples = maxExamples;
    }

    /**
     * @param rows      rows of one file, in file order
     * @param labelName the label of a row as written, for conflict examples
     */
    public DedupResult deduplicate(int[] rows, TextStore store, IntFunction<String> labelName) {
        if (settings.mode() == DedupMode.NONE) {
            return new DedupResult(rows.clone(), 0, 0, 0, List.of());
        }
        RowTable table = store.rows();
        KeyIndex index = new KeyIndex(table, rows);
        BitSet dropped = new BitSet(table.size());
        long duplicates = 0;
        long conflictGroups = 0;
        long conflictDropped = 0;
        List<ConflictExample> examples = new ArrayList<>();
        int start = 0;
        while (start < index.size()) {
            int end = start + 1;
            while (end < index.size() && index.keyAt(end) == index.keyAt(start)) {
                end++;
            }
            if (end - start > 1) {
                int[] group = new int[end - start];
                for (int i = start; i < end; i++) {
                    group[i - start] = index.rowAt(i);
                }
                Map<Integer, Integer> labelCounts = labelCounts(table, group);
                if (labelCounts.size() == 1) {
                    for (int i = 1; i < group.length; i++) {
                        dropped.set(group[i]);
                    }
                    duplicates += group.length - 1;
                } else {
                    conflictGroups++;
                    int keep = resolve(table, group, labelCounts);
                    for (int row : group) {
                        if (row != keep) {
                            dropped.set(row);
                            conflictDropped++;
                        }
                    }
                    if (examples.size() < maxExamples) {
                        examples.add(example(store, group, keep, labelName));
                    }
                }
            }
            start = end;
        }
        int[] kept = Arrays.stream(rows).filter(row -> !dropped.get(row)).toArray();
        return new DedupResult(kept, duplicates, conflictGroups, conflictDropped, examples);
    }

    /** The row to keep from a conflicting group, or -1 to drop them all. */
    private int resolve(RowTable table, int[] group, Map<Integer, Integer> labelCounts) {
        return switch (settings.conflicts()) {
            case DROP_ALL -> -1;
            case FIRST -> group[0];
            case MAJORITY -> {
                int best = labelCounts.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
                List<Integer> winners = labelCounts.entrySet().stream().filter(e -> e.getValue() == best)
                        .map(Map.Entry::getKey).toList();
                if (winners.size() > 1) {
                    yield -1;
                }
                int winner = winners.get(0);
                int keep = -1;
                for (int row : group) {
                    if (table.classIndex(row) == winner) {
                        keep = row;
                        break;
                    }
                }
                yield keep;
            }
        };
    }

    /** Label (raw bits, so it works for class indices and float targets alike) to count, in first-seen order. */
    private static Map<Integer, Integer> labelCounts(RowTable table, int[] group) {
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        for (int row : group) {
            counts.merge(table.classIndex(row), 1, Integer::sum);
        }
        return counts;
    }

    private ConflictExample example(TextStore store, int[] group, int keep, IntFunction<String> labelName) {
        StoredText first = store.text(group[0]);
        List<String> ids = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int row : group) {
            ids.add(store.text(row).id());
            labels.add(labelName.apply(row));
        }
        String resolution = keep < 0 ? "all dropped"
                : "kept " + store.text(keep).id() + " (" + labelName.apply(keep) + ")";
        return new ConflictExample(first.text(), first.pair(), ids, labels, resolution);
    }
}
