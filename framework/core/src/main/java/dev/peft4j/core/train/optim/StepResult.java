package dev.peft4j.core.train.optim;

/**
 * The outcome of one optimizer step.
 *
 * @param loss      mean unscaled loss of its micro-batches
 * @param gradNorm  global norm of the (unscaled, averaged) gradients before clipping; not finite when skipped
 * @param applied   false when the gradients were not finite and the step was skipped
 * @param lossScale the loss scale the step ran with
 */
public record StepResult(double loss, double gradNorm, boolean applied, double lossScale) {
}
