package dev.peft4j.core.schedule;

import com.typesafe.config.Config;
import dev.peft4j.core.config.SettingsReader;
import dev.peft4j.core.config.SettingsViolations;

/**
 * Step decay: the factor is {@code gamma ^ floor(s / stepSize)} at {@code s} steps after warmup, as PyTorch's
 * StepLR counted from the end of warmup.
 *
 * @param stepSize {@code training.schedule.step.step-size}: optimizer steps between two decays, at least 1
 * @param gamma    {@code training.schedule.step.gamma}: the factor of each decay, in (0, 1]
 */
record StepDecay(long stepSize, double gamma) implements Decay {

    static final String PATH = "training.schedule.step";

    StepDecay {
        SettingsViolations violations = new SettingsViolations();
        violations.check(stepSize >= 1, PATH + ".step-size", "a whole number >= 1", stepSize);
        violations.check(gamma > 0 && gamma <= 1, PATH + ".gamma", "a number above 0 and at most 1", gamma);
        violations.throwIfAny();
    }

    static StepDecay from(Config own) {
        return SettingsReader.read(own, PATH, c -> new StepDecay(c.getLong("step-size"), c.getDouble("gamma")));
    }

    @Override
    public double factor(long stepsSinceWarmup, long decaySteps) {
        return Math.pow(gamma, stepsSinceWarmup / stepSize);
    }
}
