package dev.peft4j.core.run;

import com.typesafe.config.Config;
import dev.peft4j.core.config.SettingsReader;
import dev.peft4j.core.config.SettingsViolations;
import dev.peft4j.core.config.TrainingPrecision;
import dev.peft4j.core.config.TrainingSettings;
import dev.peft4j.core.train.optim.LossScaleSpec;
import dev.peft4j.core.train.optim.OptimizerSpec;

/**
 * The optimizer's keys of the {@code training} block beyond {@link TrainingSettings}: AdamW's moment decays and
 * epsilon, fp16 loss scaling, and how often to checkpoint and log.
 */
public record OptimizerSettings(double beta1, double beta2, double epsilon, double lossScaleInitial,
                                long lossScaleGrowthInterval, double lossScaleGrowthFactor,
                                double lossScaleBackoffFactor, double lossScaleMin, long saveEverySteps,
                                long logEverySteps) {

    public OptimizerSettings {
        SettingsViolations v = new SettingsViolations();
        v.check(beta1 >= 0 && beta1 < 1, "training.adam-beta1", "a number in [0, 1)", beta1);
        v.check(beta2 >= 0 && beta2 < 1, "training.adam-beta2", "a number in [0, 1)", beta2);
        v.check(epsilon > 0 && Double.isFinite(epsilon), "training.adam-epsilon", "a positive number", epsilon);
        v.check(lossScaleInitial > 0 && Double.isFinite(lossScaleInitial), "training.loss-scale.initial",
                "a positive number", lossScaleInitial);
        v.check(lossScaleGrowthInterval >= 1, "training.loss-scale.growth-interval", "a whole number >= 1",
                lossScaleGrowthInterval);
        v.check(lossScaleGrowthFactor >= 1 && Double.isFinite(lossScaleGrowthFactor),
                "training.loss-scale.growth-factor", "a number >= 1", lossScaleGrowthFactor);
        v.check(lossScaleBackoffFactor > 0 && lossScaleBackoffFactor < 1, "training.loss-scale.backoff-factor",
                "a number in (0, 1)", lossScaleBackoffFactor);
        v.check(lossScaleMin > 0 && lossScaleMin <= lossScaleInitial, "training.loss-scale.min",
                "a positive number at most training.loss-scale.initial", lossScaleMin);
        v.check(saveEverySteps >= 0, "training.save-every-steps", "a whole number >= 0 (0: only at evaluations)",
                saveEverySteps);
        v.check(logEverySteps >= 1, "training.log-every-steps", "a whole number >= 1", logEverySteps);
        v.throwIfAny();
    }

    public static OptimizerSettings from(Config root) {
        return SettingsReader.read(root, c -> new OptimizerSettings(
                c.getDouble("training.adam-beta1"),
                c.getDouble("training.adam-beta2"),
                c.getDouble("training.adam-epsilon"),
                c.getDouble("training.loss-scale.initial"),
                c.getLong("training.loss-scale.growth-interval"),
                c.getDouble("training.loss-scale.growth-factor"),
                c.getDouble("training.loss-scale.backoff-factor"),
                c.getDouble("training.loss-scale.min"),
                c.getLong("training.save-every-steps"),
                c.getLong("training.log-every-steps")));
    }

    public OptimizerSpec optimizer(TrainingSettings training) {
        return new OptimizerSpec(beta1, beta2, epsilon, training.weightDecay(), training.maxGradNorm());
    }

    /** Dynamic loss scaling for fp16-mixed; none otherwise. */
    public LossScaleSpec lossScaling(TrainingPrecision precision) {
        return precision == TrainingPrecision.FP16_MIXED
                ? new LossScaleSpec(true, lossScaleInitial, lossScaleGrowthInterval, lossScaleGrowthFactor,
                        lossScaleBackoffFactor, lossScaleMin)
                : LossScaleSpec.none();
    }
}
