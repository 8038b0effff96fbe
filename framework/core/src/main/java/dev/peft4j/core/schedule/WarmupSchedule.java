package dev.peft4j.core.schedule;

import dev.peft4j.spi.schedule.LrSchedule;
import dev.peft4j.spi.schedule.TrainingHorizon;

/**
 * Linear warmup from 0 to the peak rate over the horizon's warmup steps, then a {@link Decay}. As in Hugging Face
 * transformers, step 0 of a warmup has rate 0 and the peak is reached at step {@code warmupSteps}.
 */
final class WarmupSchedule implements LrSchedule {

    private final Decay decay;

    WarmupSchedule(Decay decay) {
        this.decay = decay;
    }

    @Override
    public double rate(long step, TrainingHorizon horizon) {
        if (step < 0) {
            throw new IllegalArgumentException("optimizer steps count from 0, got " + step);
        }
        long warmup = horizon.warmupSteps();
        if (step < warmup) {
            return horizon.peakRate() * step / warmup;
        }
        long decaySteps = Math.max(1, horizon.totalSteps() - warmup);
        return horizon.peakRate() * decay.factor(step - warmup, decaySteps);
    }
}
