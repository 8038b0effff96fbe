package dev.peft4j.core.eval;

import dev.peft4j.spi.metric.TaskType;
import java.util.Arrays;
import java.util.List;

/**
 * A model's predictions on a set of rows, column by column. Only the columns of the task are non-null:
 * classification fills {@code goldClasses} (-1 where unlabelled), {@code predictedClasses} and {@code probabilities};
 * regression fills {@code goldValues} (NaN where unlabelled) and {@code predictedValues}; causal LM fills
 * {@code scoredTokens} and {@code negativeLogLikelihoods} (summed per row).
 */
public record PredictionTable(TaskType task, List<String> classNames, List<String> texts, int[] goldClasses,
                              int[] predictedClasses, double[][] probabilities, double[] goldValues,
                              double[] predictedValues, double[] scoredTokens, double[] negativeLogLikelihoods) {

    public PredictionTable {
        classNames = List.copyOf(classNames);
        texts = List.copyOf(texts);
        int n = texts.size();
        switch (task) {
            case CLASSIFICATION -> {
                requireLength("gold classes", goldClasses, n);
                requireLength("predicted classes", predictedClasses, n);
                if (probabilities == null || probabilities.length != n) {
                    throw new IllegalArgumentException("classification predictions need one probability row per text");
                }
                if (classNames.size() < 2) {
                    throw new IllegalArgumentException("classification needs at least 2 class names, got " + classNames);
                }
            }
            case REGRESSION -> {
                requireLength("gold values", goldValues, n);
                requireLength("predicted values", predictedValues, n);
            }
            case CAUSAL_LM -> {
                requireLength("scored token counts", scoredTokens, n);
                requireLength("negative log-likelihoods", negativeLogLikelihoods, n);
            }
        }
    }

    public static PredictionTable classification(List<String> classNames, List<String> texts, int[] gold,
                                                 int[] predicted, double[][] probabilities) {
        return new PredictionTable(TaskType.CLASSIFICATION, classNames, texts, gold, predicted, probabilities, null, null,
                null, null);
    }

    public static PredictionTable regression(List<String> texts, double[] gold, double[] predicted) {
        return new PredictionTable(TaskType.REGRESSION, List.of(), texts, null, null, null, gold, predicted, null, null);
    }

    public static PredictionTable causalLm(List<String> texts, double[] scoredTokens, double[] nll) {
        return new PredictionTable(TaskType.CAUSAL_LM, List.of(), texts, null, null, null, null, null, scoredTokens, nll);
    }

    public int size() {
        return texts.size();
    }

    /** Whether every row has a gold value (always true for causal LM, whose gold is the text itself). */
    public boolean labelled() {
        return switch (task) {
            case CLASSIFICATION -> Arrays.stream(goldClasses).allMatch(g -> g >= 0);
            case REGRESSION -> Arrays.stream(goldValues).noneMatch(Double::isNaN);
            case CAUSAL_LM -> true;
        };
    }

    private static void requireLength(String what, Object array, int n) {
        int length = array instanceof int[] a ? a.length : array instanceof double[] d ? d.length : -1;
        if (length != n) {
            throw new IllegalArgumentException(what + " must have one entry per text (" + n + "), got "
                    + (array == null ? "none" : length));
        }
    }
}
