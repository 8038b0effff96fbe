package dev.peft4j.core.eval.compare;

import dev.peft4j.core.eval.PredictionTable;
import java.util.SplittableRandom;
import org.apache.commons.statistics.descriptive.Quantile;

/**
 * Paired bootstrap of a score difference: the same resampled rows score both models, so row difficulty cancels out.
 * The interval is the percentile interval of B − A.
 */
public final class PairedBootstrap {

    /** The interval's bounds for B − A. */
    public record Interval(double low, double high) {
    }

    private PairedBootstrap() {
    }

    public static Interval interval(PredictionTable a, PredictionTable b, PairedMetric metric, ComparisonOptions options) {
        int n = a.size();
        SplittableRandom random = new SplittableRandom(options.seed());
        double[] differences = new double[options.bootstrapSamples()];
        int[] rows = new int[n];
        for (int s = 0; s < differences.length; s++) {
            for (int i = 0; i < n; i++) {
                rows[i] = random.nextInt(n);
            }
            differences[s] = metric.compute(b, rows) - metric.compute(a, rows);
        }
        double tail = (1 - options.confidence()) / 2;
        double[] bounds = Quantile.withDefaults().evaluate(differences, tail, 1 - tail);
        return new Interval(bounds[0], bounds[1]);
    }
}
