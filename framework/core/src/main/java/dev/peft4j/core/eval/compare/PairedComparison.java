package dev.peft4j.core.eval.compare;

import dev.peft4j.core.eval.PredictionTable;
import dev.peft4j.spi.metric.TaskType;
import java.util.Arrays;
import java.util.Objects;

/**
 * Compares two models' predictions on the same labelled rows: McNemar's exact test plus a paired bootstrap interval
 * for classification, a paired bootstrap interval of the score difference otherwise.
 */
public final class PairedComparison {

    private PairedComparison() {
    }

    /** Compares with the task's default score (accuracy, Spearman correlation or perplexity). */
    public static ComparisonResult compare(PredictionTable a, PredictionTable b, ComparisonOptions options) {
        return compare(a, b, PairedMetrics.defaultFor(a.task()), options);
    }

    public static ComparisonResult compare(PredictionTable a, PredictionTable b, PairedMetric metric,
                                           ComparisonOptions options) {
        requireSameRows(a, b);
        int[] all = new int[a.size()];
        Arrays.setAll(all, i -> i);
        PairedBootstrap.Interval interval = PairedBootstrap.interval(a, b, metric, options);
        McNemar mcNemar = a.task() == TaskType.CLASSIFICATION
                ? McNemar.of(a.goldClasses(), a.predictedClasses(), b.predictedClasses())
                : null;
        return new ComparisonResult(metric, a.size(), metric.compute(a, all), metric.compute(b, all), interval, mcNemar,
                mcNemar == null ? Double.NaN : mcNemar.pValue(), options);
    }

    private static void requireSameRows(PredictionTable a, PredictionTable b) {
        if (a.task() != b.task()) {
            throw new IllegalArgumentException("cannot compare " + a.task() + " predictions (A) with " + b.task()
                    + " predictions (B); compare two runs of the same task");
        }
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("A has " + a.size() + " rows and B has " + b.size()
                    + "; compare predictions made on the same test file");
        }
        if (a.size() < 2) {
            throw new IllegalArgumentException("a comparison needs at least 2 rows, got " + a.size());
        }
        if (!a.labelled() || !b.labelled()) {
            throw new IllegalArgumentException("a comparison needs gold labels on every row; "
                    + (a.labelled() ? "B" : "A") + " has unlabelled rows (predictions from `predict`, not `evaluate`?)");
        }
        if (!a.classNames().equals(b.classNames())) {
            throw new IllegalArgumentException("A predicts classes " + a.classNames() + " but B predicts "
                    + b.classNames() + "; both must be trained on the same labels");
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.texts().get(i).equals(b.texts().get(i)) || !sameGold(a, b, i)) {
                throw new IllegalArgumentException("row " + (i + 1) + " differs between A and B (text or gold): A has '"
                        + a.texts().get(i) + "', B has '" + b.texts().get(i)
                        + "'; compare predictions made on the same test file, in the same order");
            }
        }
    }

    private static boolean sameGold(PredictionTable a, PredictionTable b, int i) {
        return switch (a.task()) {
            case CLASSIFICATION -> a.goldClasses()[i] == b.goldClasses()[i];
            case REGRESSION -> Objects.equals(a.goldValues()[i], b.goldValues()[i]);
            case CAUSAL_LM -> a.scoredTokens()[i] == b.scoredTokens()[i];
        };
    }
}
