package dev.peft4j.core.train;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a training run ended.
 *
 * @param steps            optimizer steps done
 * @param stoppedEarly     whether early stopping ended the run
 * @param bestMetric       the metric that picked the best checkpoint
 * @param bestValue        its best value; null when the run was never evaluated
 * @param bestStep         the step of the best value; null when the run was never evaluated
 * @param lastEvaluation   metrics of the last evaluation; empty when never evaluated
 * @param tokens           tokens trained on
 * @param trainingSeconds  wall time of the training steps (evaluations excluded)
 * @param bestCheckpoint   directory of the best checkpoint; null when there is none
 * @param restoredBest     whether the best checkpoint's weights were loaded back at the end
 */
public record TrainingResult(long steps, boolean stoppedEarly, String bestMetric, Double bestValue, Long bestStep,
                             Map<String, Double> lastEvaluation, long tokens, double trainingSeconds,
                             Path bestCheckpoint, boolean restoredBest) {

    public TrainingResult {
        lastEvaluation = Collections.unmodifiableMap(new LinkedHashMap<>(lastEvaluation));
    }

    public double tokensPerSecond() {
        return trainingSeconds > 0 ? tokens / trainingSeconds : 0;
    }
}
