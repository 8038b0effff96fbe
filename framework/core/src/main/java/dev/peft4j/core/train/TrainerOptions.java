package dev.peft4j.core.train;

import java.util.Objects;

/**
 * How the training loop runs. The lead maps these from the pipeline's {@code training} block; every value is given,
 * none is defaulted here.
 *
 * @param seed                   seeds the data order and the dropout of every step
 * @param epochs                 passes over the training rows; ignored when {@code maxSteps} > 0
 * @param maxSteps               optimizer steps to run; 0 lets {@code epochs} decide
 * @param batchSize              rows per micro-batch
 * @param accumulationSteps      micro-batches per optimizer step
 * @param learningRate           peak learning rate handed to the schedule
 * @param warmupSteps            optimizer steps of warmup; when 0, {@code warmupRatio} of all steps
 * @param warmupRatio            fraction of all steps used for warmup when {@code warmupSteps} is 0, in [0, 1]
 * @param evalEverySteps         evaluate every N optimizer steps; 0 evaluates only at epoch ends (and the last step)
 * @param saveEverySteps         also checkpoint every N optimizer steps without evaluating; 0 saves only with evaluations
 * @param bestMetric             the evaluation metric that picks the best checkpoint, e.g. {@code accuracy} or {@code loss}
 * @param greaterIsBetter        whether a larger {@code bestMetric} is better
 * @param earlyStoppingPatience  stop after this many evaluations without improvement; 0 never stops early
 * @param loadBestAtEnd          put the best checkpoint's weights back into the model when training ends
 * @param resume                 continue from the run directory's latest checkpoint when there is one
 * @param logEverySteps          progress lines every N steps where the terminal cannot redraw a bar
 */
public record TrainerOptions(
        long seed,
        int epochs,
        long maxSteps,
        int batchSize,
        int accumulationSteps,
        double learningRate,
        long warmupSteps,
        double warmupRatio,
        long evalEverySteps,
        long saveEverySteps,
        String bestMetric,
        boolean greaterIsBetter,
        int earlyStoppingPatience,
        boolean loadBestAtEnd,
        boolean resume,
        long logEverySteps) {

    public TrainerOptions {
        Objects.requireNonNull(bestMetric, "bestMetric");
        if (maxSteps < 0) {
            throw new IllegalArgumentException("training.max-steps must be >= 0 (0: run the configured epochs), got " + maxSteps);
        }
        if (maxSteps == 0 && epochs < 1) {
            throw new IllegalArgumentException("training.epochs must be at least 1 when max-steps is 0, got " + epochs);
        }
        requirePositive("training.batch-size", batchSize);
        requirePositive("training.gradient-accumulation-steps", accumulationSteps);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("training.learning-rate must be a positive finite number, got " + learningRate);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("training.warmup-steps must be >= 0, got " + warmupSteps);
        }
        if (!(warmupRatio >= 0 && warmupRatio <= 1)) {
            throw new IllegalArgumentException("training.warmup-ratio must be in [0, 1], got " + warmupRatio);
        }
        requireNonNegative("training.eval-every-steps", evalEverySteps);
        requireNonNegative("training.save-every-steps", saveEverySteps);
        requireNonNegative("training.early-stopping-patience", earlyStoppingPatience);
        if (bestMetric.isBlank()) {
            throw new IllegalArgumentException("training.best-metric must name an evaluation metric, e.g. accuracy or loss");
        }
        requirePositive("training.log-every-steps", logEverySteps);
    }

    private static void requirePositive(String key, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be at least 1, got " + value);
        }
    }

    private static void requireNonNegative(String key, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(key + " must be >= 0, got " + value);
        }
    }
}
