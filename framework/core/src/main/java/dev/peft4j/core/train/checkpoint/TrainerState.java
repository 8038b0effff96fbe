package dev.peft4j.core.train.checkpoint;

import dev.peft4j.core.train.BestMetric;
import dev.peft4j.core.train.RunPlan;
import java.util.Map;

/**
 * Everything besides tensors that a resumed run needs to continue exactly: where the loop stands, the optimizer's
 * counters, the data order's seed (the order of an epoch is a function of seed and epoch), the best metric and the
 * patience used up, and the throughput counters.
 *
 * @param step                 optimizer steps done
 * @param epoch                the epoch the next micro-batch belongs to (0-based)
 * @param microBatch           the next micro-batch within that epoch
 * @param optimizerSteps       optimizer steps applied (skipped ones do not count): Adam's t
 * @param lossScale            the current loss scale
 * @param lossScaleFiniteSteps finite steps since the loss scale last changed
 * @param seed                 the run's seed
 * @param plan                 the run's shape, checked on resume
 * @param best                 the best-metric tracker
 * @param tokens               tokens trained on so far
 * @param trainingSeconds      wall time spent in training steps so far
 * @param lastEvaluation       metrics of the last evaluation; empty before the first
 */
public record TrainerState(int format, long step, int epoch, int microBatch, long optimizerSteps, double lossScale,
                           long lossScaleFiniteSteps, long seed, RunPlan plan, BestMetric.State best, long tokens,
                           double trainingSeconds, Map<String, Double> lastEvaluation) {

    public static final int FORMAT = 1;
}
