package dev.peft4j.core.metric;

import dev.peft4j.spi.metric.Metric;
import dev.peft4j.spi.metric.Predictions;
import dev.peft4j.spi.metric.TaskType;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Spearman's rank correlation: Pearson's r of the ranks, tied values sharing the mean of their ranks (as SciPy's
 * {@code spearmanr}). Ranks need every value, so the metric keeps them all until reset. NaN when undefined, or
 * when a value is NaN.
 */
final class SpearmanMetric implements Metric {

    private double[] predicted = new double[64];
    private double[] gold = new double[64];
    private int size;

    @Override
    public Set<TaskType> tasks() {
        return EnumSet.of(TaskType.REGRESSION);
    }

    @Override
    public void update(Predictions batch) {
        TaskCheck.require(batch, TaskType.REGRESSION, "spearman");
        int n = batch.goldValues().length;
        if (size + n > predicted.length) {
            int capacity = Math.max(predicted.length * 2, size + n);
            predicted = Arrays.copyOf(predicted, capacity);
            gold = Arrays.copyOf(gold, capacity);
        }
        System.arraycopy(batch.predictedValues(), 0, predicted, size, n);
        System.arraycopy(batch.goldValues(), 0, gold, size, n);
        size += n;
    }

    @Override
    public Map<String, Double> result() {
        if (size == 0) {
            return Map.of();
        }
        double[] x = Arrays.copyOf(predicted, size);
        double[] y = Arrays.copyOf(gold, size);
        if (Arrays.stream(x).anyMatch(Double::isNaN) || Arrays.stream(y).anyMatch(Double::isNaN)) {
            return Map.of("spearman", Double.NaN);
        }
        double[] rankX = ranks(x);
        double[] rankY = ranks(y);
        CoMoments moments = new CoMoments();
        for (int i = 0; i < size; i++) {
            moments.add(rankX[i], rankY[i]);
        }
        return Map.of("spearman", moments.pearson());
    }

    @Override
    public void reset() {
        size = 0;
    }

    /** 1-based ranks; a run of equal values all get the mean of the ranks the run spans. */
    static double[] ranks(double[] values) {
        Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] ranks = new double[values.length];
        int start = 0;
        while (start < order.length) {
            int end = start;
            while (end + 1 < order.length && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            double meanRank = (start + end) / 2.0 + 1.0;
            for (int i = start; i <= end; i++) {
                ranks[order[i]] = meanRank;
            }
            start = end + 1;
        }
        return ranks;
    }
}
