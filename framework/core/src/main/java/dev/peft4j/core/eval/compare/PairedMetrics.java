package dev.peft4j.core.eval.compare;

import dev.peft4j.core.eval.PredictionTable;
import dev.peft4j.spi.metric.Metric;
import dev.peft4j.spi.metric.Predictions;
import dev.peft4j.spi.metric.TaskType;
import java.util.function.Supplier;
import org.apache.commons.statistics.ranking.NaturalRanking;

/** The scores A/B comparisons resample. */
public final class PairedMetrics {

    private PairedMetrics() {
    }

    public static final PairedMetric ACCURACY = new Simple("accuracy", true, true) {
        @Override
        public double compute(PredictionTable t, int[] rows) {
            long correct = 0;
            for (int r : rows) {
                if (t.goldClasses()[r] == t.predictedClasses()[r]) {
                    correct++;
                }
            }
            return (double) correct / rows.length;
        }
    };

    /** Unweighted mean of per-class F1; a class absent from both gold and predictions is left out. */
    public static final PairedMetric MACRO_F1 = new Simple("macro F1", true, true) {
        @Override
        public double compute(PredictionTable t, int[] rows) {
            int k = t.classNames().size();
            long[] tp = new long[k];
            long[] fp = new long[k];
            long[] fn = new long[k];
            for (int r : rows) {
                int g = t.goldClasses()[r];
                int p = t.predictedClasses()[r];
                if (g == p) {
                    tp[g]++;
                } else {
                    fp[p]++;
                    fn[g]++;
                }
            }
            double sum = 0;
            int classes = 0;
            for (int c = 0; c < k; c++) {
                long denominator = 2 * tp[c] + fp[c] + fn[c];
                if (denominator > 0) {
                    sum += 2.0 * tp[c] / denominator;
                    classes++;
                }
            }
            return classes == 0 ? 0 : sum / classes;
        }
    };

    public static final PairedMetric PEARSON = new Simple("Pearson correlation", true, false) {
        @Override
        public double compute(PredictionTable t, int[] rows) {
            return pearson(gather(t.goldValues(), rows), gather(t.predictedValues(), rows));
        }
    };

    /** Pearson correlation of the ranks, ties sharing their average rank. */
    public static final PairedMetric SPEARMAN = new Simple("Spearman correlation", true, false) {
        @Override
        public double compute(PredictionTable t, int[] rows) {
            NaturalRanking ranking = new NaturalRanking();
            return pearson(ranking.apply(gather(t.goldValues(), rows)), ranking.apply(gather(t.predictedValues(), rows)));
        }
    };

    /** exp of the mean NLL per scored token; lower is better. */
    public static final PairedMetric PERPLEXITY = new Simple("perplexity", false, false) {
        @Override
        public double compute(PredictionTable t, int[] rows) {
            double nll = 0;
            double tokens = 0;
            for (int r : rows) {
                nll += t.negativeLogLikelihoods()[r];
                tokens += t.scoredTokens()[r];
            }
            return Math.exp(nll / tokens);
        }
    };

    /** The default score for a task: accuracy, Spearman correlation or perplexity. */
    public static PairedMetric defaultFor(TaskType task) {
        return switch (task) {
            case CLASSIFICATION -> ACCURACY;
            case REGRESSION -> SPEARMAN;
            case CAUSAL_LM -> PERPLEXITY;
        };
    }

    /**
     * Any SPI metric as a paired score: a fresh instance is fed the chosen rows and {@code resultKey} is read.
     */
    public static PairedMetric of(String resultKey, boolean higherIsBetter, boolean inPoints, Supplier<Metric> metric) {
        return new Simple(resultKey, higherIsBetter, inPoints) {
            @Override
            public double compute(PredictionTable t, int[] rows) {
                Metric m = metric.get();
                m.reset();
                m.update(predictions(t, rows));
                Double value = m.result().get(resultKey);
                if (value == null) {
                    throw new IllegalArgumentException("metric " + m.getClass().getSimpleName() + " reports "
                            + m.result().keySet() + ", not '" + resultKey + "'");
                }
                return value;
            }
        };
    }

    private static Predictions predictions(PredictionTable t, int[] rows) {
        return switch (t.task()) {
            case CLASSIFICATION -> {
                int[] gold = new int[rows.length];
                int[] predicted = new int[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    gold[i] = t.goldClasses()[rows[i]];
                    predicted[i] = t.predictedClasses()[rows[i]];
                }
                yield Predictions.classification(t.classNames().size(), predicted, gold);
            }
            case REGRESSION -> Predictions.regression(gather(t.predictedValues(), rows), gather(t.goldValues(), rows));
            case CAUSAL_LM -> {
                double nll = 0;
                long tokens = 0;
                for (int r : rows) {
                    nll += t.negativeLogLikelihoods()[r];
                    tokens += Math.round(t.scoredTokens()[r]);
                }
                yield Predictions.causalLm(nll, tokens);
            }
        };
    }

    static double[] gather(double[] values, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }

    /** Pearson's r; 0 when either side is constant (no linear association can be measured). */
    static double pearson(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy);
    }

    private abstract static class Simple implements PairedMetric {
        private final String name;
        private final boolean higherIsBetter;
        private final boolean inPoints;

        Simple(String name, boolean higherIsBetter, boolean inPoints) {
            this.name = name;
            this.higherIsBetter = higherIsBetter;
            this.inPoints = inPoints;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean higherIsBetter() {
            return higherIsBetter;
        }

        @Override
        public boolean inPoints() {
            return inPoints;
        }
    }
}
