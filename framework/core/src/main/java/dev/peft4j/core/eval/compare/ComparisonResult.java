package dev.peft4j.core.eval.compare;

import java.util.Locale;

/**
 * The outcome of an A/B comparison on the same rows.
 *
 * @param metric      the score compared
 * @param rows        rows both models predicted
 * @param valueA      A's score on all rows
 * @param valueB      B's score on all rows
 * @param interval    bootstrap interval of B − A
 * @param mcNemar     the discordant counts for classification; null otherwise
 * @param pValue      McNemar's exact p for classification; NaN where the bootstrap interval alone decides
 */
public record ComparisonResult(PairedMetric metric, int rows, double valueA, double valueB,
                               PairedBootstrap.Interval interval, McNemar mcNemar, double pValue,
                               ComparisonOptions options) {

    /** B − A. */
    public double difference() {
        return valueB - valueA;
    }

    /**
     * Significant at {@code alpha}: by McNemar's test where there is one, otherwise when the (1 − alpha) bootstrap
     * interval excludes 0.
     */
    public boolean significant() {
        if (mcNemar != null) {
            return pValue < options.alpha();
        }
        return interval.low() > 0 || interval.high() < 0;
    }

    /** Which model scores better on all rows: "A", "B", or null on a tie. */
    public String better() {
        if (valueA == valueB) {
            return null;
        }
        return (valueB > valueA) == metric.higherIsBetter() ? "B" : "A";
    }

    public String sentence() {
        return sentence("A", "B");
    }

    /**
     * One plain sentence, e.g. "B is better than A by 2.1 accuracy points (95% CI 0.4 to 3.8); McNemar exact
     * p = 0.012: the difference is significant at 0.05."
     */
    public String sentence(String nameA, String nameB) {
        String confidence = trim(options.confidence() * 100) + "% CI";
        String alpha = trim(options.alpha());
        String test = mcNemar != null ? "; McNemar exact " + p(pValue)
                : "; the " + confidence.replace(" CI", "") + " bootstrap interval "
                        + (significant() ? "excludes" : "includes") + " 0";
        String better = better();
        if (better == null) {
            return String.format(Locale.ROOT, "%s and %s score the same %s (%s) on %d rows%s: no significant difference.",
                    nameA, nameB, metric.name(), value(valueA), rows, test);
        }
        boolean bBetter = better.equals("B");
        // The interval of (better − worse): B − A as computed, or its mirror when A is better.
        double low = bBetter ? interval.low() : -interval.high();
        double high = bBetter ? interval.high() : -interval.low();
        String winner = bBetter ? nameB : nameA;
        String loser = bBetter ? nameA : nameB;
        String amount = amount(Math.abs(difference()));
        String ci = String.format(Locale.ROOT, "(%s %s to %s)", confidence, signed(low), signed(high));
        if (significant()) {
            return String.format(Locale.ROOT, "%s is better than %s by %s %s%s: the difference is significant at %s.",
                    winner, loser, amount, ci, test, alpha);
        }
        return String.format(Locale.ROOT, "No significant difference: %s is ahead of %s by %s %s%s, not significant at %s.",
                winner, loser, amount, ci, test, alpha);
    }

    private String amount(double d) {
        String unit = metric.higherIsBetter() ? metric.name() : metric.name() + " (lower is better)";
        return metric.inPoints()
                ? String.format(Locale.ROOT, "%.1f %s points", d * 100, metric.name())
                : String.format(Locale.ROOT, "%.3f in %s", d, unit);
    }

    private String signed(double d) {
        return metric.inPoints() ? String.format(Locale.ROOT, "%.1f", d * 100) : String.format(Locale.ROOT, "%.3f", d);
    }

    private String value(double v) {
        return metric.inPoints() ? String.format(Locale.ROOT, "%.1f%%", v * 100) : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String p(double p) {
        if (p < 0.001) {
            return "p < 0.001";
        }
        return "p = " + String.format(Locale.ROOT, p >= 0.0995 ? "%.2f" : "%.3f", p);
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
