package dev.peft4j.core.schedule;

import com.typesafe.config.Config;
import dev.peft4j.core.config.SettingsReader;
import dev.peft4j.core.config.SettingsViolations;

/**
 * Cosine decay from the peak rate to {@code minRateRatio * peak}: the factor is
 * {@code min + (1 - min) * (1 + cos(2 pi cycles p)) / 2} at progress {@code p} through the steps after warmup
 * (clamped to 1), so {@code cycles = 0.5} decays once and ends at the floor.
 *
 * @param minRateRatio {@code training.schedule.cosine.min-rate-ratio}, in [0, 1]
 * @param cycles       {@code training.schedule.cosine.cycles}, above 0
 */
record CosineDecay(double minRateRatio, double cycles) implements Decay {

    static final String PATH = "training.schedule.cosine";

    CosineDecay {
        SettingsViolations violations = new SettingsViolations();
        violations.check(minRateRatio >= 0 && minRateRatio <= 1, PATH + ".min-rate-ratio", "a number from 0 to 1",
                minRateRatio);
        violations.check(cycles > 0 && Double.isFinite(cycles), PATH + ".cycles", "a positive number", cycles);
        violations.throwIfAny();
    }

    static CosineDecay from(Config own) {
        return SettingsReader.read(own, PATH,
                c -> new CosineDecay(c.getDouble("min-rate-ratio"), c.getDouble("cycles")));
    }

    @Override
    public double factor(long stepsSinceWarmup, long decaySteps) {
        double progress = Math.min(1.0, (double) stepsSinceWarmup / decaySteps);
        double cosine = 0.5 * (1.0 + Math.cos(2.0 * Math.PI * cycles * progress));
        return minRateRatio + (1.0 - minRateRatio) * cosine;
    }
}
