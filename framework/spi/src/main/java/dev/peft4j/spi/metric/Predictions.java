package dev.peft4j.spi.metric;

import java.util.Arrays;

/**
 * One batch of predictions with their gold values. Classification fills {@code predictedClasses},
 * {@code goldClasses} and {@code numClasses}; regression fills {@code predictedValues} and {@code goldValues};
 * causal LM fills {@code tokenLosses} (summed negative log-likelihood) and {@code tokenCount}.
 * Arrays are owned by the batch: metrics must not keep or modify them.
 */
public record Predictions(
        TaskType task,
        int numClasses,
        int[] predictedClasses,
        int[] goldClasses,
        double[] predictedValues,
        double[] goldValues,
        double tokenLosses,
        long tokenCount) {

    public Predictions {
        switch (task) {
            case CLASSIFICATION -> {
                requireSameLength(predictedClasses, goldClasses);
                if (numClasses < 2) {
                    throw new IllegalArgumentException("classification needs at least 2 classes, got " + numClasses);
                }
                for (int i = 0; i < goldClasses.length; i++) {
                    checkClass("gold", goldClasses[i], numClasses, i);
                    checkClass("predicted", predictedClasses[i], numClasses, i);
                }
            }
            case REGRESSION -> {
                if (predictedValues == null || goldValues == null || predictedValues.length != goldValues.length) {
                    throw new IllegalArgumentException("regression predictions and gold values must both be given, with equal lengths");
                }
            }
            case CAUSAL_LM -> {
                if (tokenCount < 0 || tokenLosses < 0) {
                    throw new IllegalArgumentException("token loss and count must be non-negative");
                }
            }
        }
    }

    public static Predictions classification(int numClasses, int[] predicted, int[] gold) {
        return new Predictions(TaskType.CLASSIFICATION, numClasses, predicted, gold, null, null, 0, 0);
    }

    public static Predictions regression(double[] predicted, double[] gold) {
        return new Predictions(TaskType.REGRESSION, 0, null, null, predicted, gold, 0, 0);
    }

    public static Predictions causalLm(double summedNegativeLogLikelihood, long tokens) {
        return new Predictions(TaskType.CAUSAL_LM, 0, null, null, null, null, summedNegativeLogLikelihood, tokens);
    }

    /** Number of examples (classification, regression) or tokens (causal LM) in the batch. */
    public long size() {
        return switch (task) {
            case CLASSIFICATION -> goldClasses.length;
            case REGRESSION -> goldValues.length;
            case CAUSAL_LM -> tokenCount;
        };
    }

    private static void requireSameLength(int[] predicted, int[] gold) {
        if (predicted == null || gold == null || predicted.length != gold.length) {
            throw new IllegalArgumentException("predicted and gold classes must both be given, with equal lengths");
        }
    }

    private static void checkClass(String which, int value, int numClasses, int row) {
        if (value < 0 || value >= numClasses) {
            throw new IllegalArgumentException(
                    which + " class " + value + " at row " + row + " is outside 0.." + (numClasses - 1));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Predictions p && task == p.task && numClasses == p.numClasses
                && Arrays.equals(predictedClasses, p.predictedClasses) && Arrays.equals(goldClasses, p.goldClasses)
                && Arrays.equals(predictedValues, p.predictedValues) && Arrays.equals(goldValues, p.goldValues)
                && Double.compare(tokenLosses, p.tokenLosses) == 0 && tokenCount == p.tokenCount;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(goldClasses) * 31 + Arrays.hashCode(goldValues) + task.hashCode();
    }

    @Override
    public String toString() {
        return "Predictions[" + task + ", size=" + size() + "]";
    }
}
