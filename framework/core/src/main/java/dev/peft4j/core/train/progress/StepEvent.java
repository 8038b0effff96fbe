package dev.peft4j.core.train.progress;

/**
 * One optimizer step done.
 *
 * @param step            1-based number of the step just done
 * @param gradNorm        global gradient norm before clipping (not finite when the step was skipped)
 * @param applied         false when non-finite gradients skipped the update
 * @param stepTokens      tokens of this step's micro-batches
 * @param stepSeconds     wall time of this step
 * @param tokens          tokens trained on in the whole run so far
 * @param trainingSeconds wall time of all training steps of the run so far
 */
public record StepEvent(long step, long totalSteps, int epoch, double loss, double learningRate, double gradNorm,
                        boolean applied, double lossScale, long stepTokens, double stepSeconds, long tokens,
                        double trainingSeconds) {
}
