package dev.peft4j.core.eval;

import java.util.Arrays;
import java.util.List;

/**
 * Counts of (gold, predicted) class pairs: {@code counts[gold][predicted]}.
 */
public record ConfusionMatrix(List<String> classNames, long[][] counts) {

    public ConfusionMatrix {
        classNames = List.copyOf(classNames);
        if (counts.length != classNames.size()) {
            throw new IllegalArgumentException("a confusion matrix over " + classNames.size() + " classes needs "
                    + classNames.size() + " rows, got " + counts.length);
        }
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            if (counts[i].length != classNames.size()) {
                throw new IllegalArgumentException("confusion matrix row " + i + " has " + counts[i].length
                        + " columns, expected " + classNames.size());
            }
            copy[i] = counts[i].clone();
        }
        counts = copy;
    }

    /** Counts the labelled rows (gold >= 0) of a prediction set. */
    public static ConfusionMatrix of(List<String> classNames, int[] gold, int[] predicted) {
        long[][] counts = new long[classNames.size()][classNames.size()];
        for (int i = 0; i < gold.length; i++) {
            if (gold[i] >= 0) {
                counts[gold[i]][predicted[i]]++;
            }
        }
        return new ConfusionMatrix(classNames, counts);
    }

    @Override
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    public long count(int gold, int predicted) {
        return counts[gold][predicted];
    }

    public long total() {
        return Arrays.stream(counts).flatMapToLong(Arrays::stream).sum();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix m && classNames.equals(m.classNames) && Arrays.deepEquals(counts, m.counts);
    }

    @Override
    public int hashCode() {
        return classNames.hashCode() * 31 + Arrays.deepHashCode(counts);
    }

    @Override
    public String toString() {
        return "ConfusionMatrix" + classNames + Arrays.deepToString(counts);
    }
}
