package dev.peft4j.spi.schedule;

/** A learning rate as a pure function of the optimizer step. */
@FunctionalInterface
public interface LrSchedule {

    /**
     * The learning rate for an optimizer step.
     *
     * @param step    0-based optimizer step (after gradient accumulation)
     * @param horizon the run's peak rate, warmup and length
     */
    double rate(long step, TrainingHorizon horizon);
}
