package dev.peft4j.spi.schedule;

/**
 * What a learning-rate schedule needs to know about the run.
 *
 * @param peakRate    the rate reached at the end of warmup (the configured learning rate)
 * @param warmupSteps optimizer steps of linear warmup from 0 to {@code peakRate}
 * @param totalSteps  optimizer steps in the whole run
 */
public record TrainingHorizon(double peakRate, long warmupSteps, long totalSteps) {

    public TrainingHorizon {
        if (!(peakRate > 0) || Double.isInfinite(peakRate)) {
            throw new IllegalArgumentException("learning rate must be a positive finite number, got " + peakRate);
        }
        if (totalSteps < 1) {
            throw new IllegalArgumentException("total steps must be at least 1, got " + totalSteps);
        }
        if (warmupSteps < 0 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException(
                    "warmup steps must be between 0 and the total steps (" + totalSteps + "), got " + warmupSteps);
        }
    }
}
