package dev.peft4j.core.config;

import com.typesafe.config.Config;
import dev.peft4j.spi.schedule.TrainingHorizon;
import java.util.List;

/**
 * The {@code training} block; each component is the key of the same name in kebab-case.
 *
 * @param maxSteps      0 trains {@code epochs} full epochs; above 0 it stops after that many optimizer steps
 * @param warmupRatio   warmup as a fraction of all optimizer steps; at most one of this and {@code warmupSteps} is
 *                      above 0
 * @param maxGradNorm   0 turns gradient clipping off
 * @param evalEverySteps 0 evaluates at the end of every epoch
 * @param earlyStoppingPatience 0 never stops early
 */
public record TrainingSettings(
        int epochs,
        long maxSteps,
        int batchSize,
        double learningRate,
        double weightDecay,
        double warmupRatio,
        long warmupSteps,
        ScheduleSettings schedule,
        double maxGradNorm,
        int gradientAccumulationSteps,
        TrainingPrecision precision,
        long evalEverySteps,
        String bestMetric,
        boolean greaterIsBetter,
        int earlyStoppingPatience,
        boolean loadBestAtEnd,
        boolean resume) {

    public TrainingSettings {
        SettingsViolations v = new SettingsViolations();
        v.check(epochs >= 1, "training.epochs", "a whole number >= 1", epochs);
        v.check(maxSteps >= 0, "training.max-steps", "a whole number >= 0 (0: train for training.epochs)", maxSteps);
        v.check(batchSize >= 1, "training.batch-size", "a whole number >= 1", batchSize);
        v.check(learningRate > 0 && Double.isFinite(learningRate), "training.learning-rate",
                "a positive number", learningRate);
        v.check(weightDecay >= 0 && Double.isFinite(weightDecay), "training.weight-decay", "a number >= 0",
                weightDecay);
        v.check(warmupRatio >= 0 && warmupRatio < 1, "training.warmup-ratio", "a number from 0 up to (not including) 1",
                warmupRatio);
        v.check(warmupSteps >= 0, "training.warmup-steps", "a whole number >= 0", warmupSteps);
        v.check(!(warmupRatio > 0 && warmupSteps > 0), "training.warmup-steps",
                "0 when training.warmup-ratio is above 0 (set one of the two)", warmupSteps);
        v.check(schedule != null, "training.schedule", "a schedule block", schedule);
        v.check(maxGradNorm >= 0 && Double.isFinite(maxGradNorm), "training.max-grad-norm",
                "a number >= 0 (0: no clipping)", maxGradNorm);
        v.check(gradientAccumulationSteps >= 1, "training.gradient-accumulation-steps", "a whole number >= 1",
                gradientAccumulationSteps);
        v.check(precision != null, "training.precision", "a precision", precision);
        v.check(evalEverySteps >= 0, "training.eval-every-steps", "a whole number >= 0 (0: every epoch)",
                evalEverySteps);
        v.check(bestMetric != null && !bestMetric.isBlank(), "training.best-metric", "a metric name or loss",
                bestMetric);
        v.check(earlyStoppingPatience >= 0, "training.early-stopping-patience", "a whole number >= 0 (0: off)",
                earlyStoppingPatience);
        v.throwIfAny();
    }

    public static TrainingSettings from(Config root) {
        return SettingsReader.read(root, c -> new TrainingSettings(
                c.getInt("training.epochs"),
                c.getLong("training.max-steps"),
                c.getInt("training.batch-size"),
                c.getDouble("training.learning-rate"),
                c.getDouble("training.weight-decay"),
                c.getDouble("training.warmup-ratio"),
                c.getLong("training.warmup-steps"),
                ScheduleSettings.from(c),
                c.getDouble("training.max-grad-norm"),
                c.getInt("training.gradient-accumulation-steps"),
                SettingsReader.enumValue(c, "training.precision", TrainingPrecision.class),
                c.getLong("training.eval-every-steps"),
                c.getString("training.best-metric"),
                c.getBoolean("training.greater-is-better"),
                c.getInt("training.early-stopping-patience"),
                c.getBoolean("training.load-best-at-end"),
                c.getBoolean("training.resume")));
    }

    /**
     * Optimizer steps in one epoch of {@code trainExamples}: batches rounded up, then accumulation groups rounded
     * up, so a short last group still steps.
     */
    public long optimizerStepsPerEpoch(long trainExamples) {
        if (trainExamples < 1) {
            throw new IllegalArgumentException("the training split is empty; there is nothing to train on");
        }
        long batches = ceilDiv(trainExamples, batchSize);
        return ceilDiv(batches, gradientAccumulationSteps);
    }

    /** Optimizer steps of the whole run: {@code max-steps} when set, else {@code epochs} full epochs. */
    public long totalSteps(long trainExamples) {
        return maxSteps > 0 ? maxSteps : epochs * optimizerStepsPerEpoch(trainExamples);
    }

    /**
     * The schedule's view of a run of {@code totalSteps}: the peak rate and the warmup in steps, from
     * {@code warmup-steps} or else {@code warmup-ratio} of the total rounded up.
     *
     * @throws InvalidSettingsException when {@code warmup-steps} exceeds the run
     */
    public TrainingHorizon horizon(long totalSteps) {
        long warmup = warmupSteps > 0 ? warmupSteps : (long) Math.ceil(warmupRatio * totalSteps);
        if (warmup > totalSteps) {
            throw new InvalidSettingsException(List.of(new SettingViolation("training.warmup-steps",
                    "at most the run's " + totalSteps + " optimizer steps", String.valueOf(warmupSteps))));
        }
        return new TrainingHorizon(learningRate, warmup, totalSteps);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
