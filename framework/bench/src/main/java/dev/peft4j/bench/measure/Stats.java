package dev.peft4j.bench.measure;

import java.util.Arrays;

/** Median, minimum and maximum of a sample. */
public record Stats(double median, double min, double max, int count) {

    public static Stats of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to summarise: run at least one measured step");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new Stats(median, sorted[0], sorted[sorted.length - 1], sorted.length);
    }

    /** The same statistics of {@code numerator / value}, e.g. tokens per second from seconds per step. */
    public Stats inverse(double numerator) {
        return new Stats(numerator / median, numerator / max, numerator / min, count);
    }
}
