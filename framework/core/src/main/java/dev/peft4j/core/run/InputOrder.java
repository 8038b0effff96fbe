package dev.peft4j.core.run;

import dev.peft4j.core.eval.EvaluationResult;
import dev.peft4j.core.eval.PredictionTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Puts predictions made in another order (length-sorted, for less padding) back into the order of the input file, so
 * that {@code predictions.tsv} lists rows as the data file does and two runs compare row by row.
 */
final class InputOrder {

    private InputOrder() {
    }

    /** @param order the input position of each row of {@code result}, a permutation */
    static EvaluationResult restore(EvaluationResult result, int[] order) {
        PredictionTable t = result.predictions();
        if (order.length != t.size()) {
            throw new IllegalArgumentException("an order of " + order.length + " rows for " + t.size()
                    + " predictions");
        }
        List<String> texts = new ArrayList<>(Arrays.asList(new String[t.size()]));
        for (int i = 0; i < order.length; i++) {
            texts.set(order[i], t.texts().get(i));
        }
        PredictionTable restored = new PredictionTable(t.task(), t.classNames(), texts, ints(t.goldClasses(), order),
                ints(t.predictedClasses(), order), rows(t.probabilities(), order), doubles(t.goldValues(), order),
                doubles(t.predictedValues(), order), doubles(t.scoredTokens(), order),
                doubles(t.negativeLogLikelihoods(), order));
        return new EvaluationResult(result.metrics(), restored, result.confusion());
    }

    private static int[] ints(int[] values, int[] order) {
        if (values == null) {
            return null;
        }
        int[] out = new int[values.length];
        for (int i = 0; i < order.length; i++) {
            out[order[i]] = values[i];
        }
        return out;
    }

    private static double[] doubles(double[] values, int[] order) {
        if (values == null) {
            return null;
        }
        double[] out = new double[values.length];
        for (int i = 0; i < order.length; i++) {
            out[order[i]] = values[i];
        }
        return out;
    }

    private static double[][] rows(double[][] values, int[] order) {
        if (values == null) {
            return null;
        }
        double[][] out = new double[values.length][];
        for (int i = 0; i < order.length; i++) {
            out[order[i]] = values[i];
        }
        return out;
    }
}
