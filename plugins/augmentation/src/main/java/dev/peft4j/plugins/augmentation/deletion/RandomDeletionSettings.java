package dev.peft4j.plugins.augmentation.deletion;

import com.typesafe.config.Config;

/** @param p probability that each word is deleted */
public record RandomDeletionSettings(double p) {

    public RandomDeletionSettings {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1), the probability that each word is deleted, but is "
                    + p + "; EDA uses 0.1");
        }
    }

    public static RandomDeletionSettings from(Config settings) {
        return new RandomDeletionSettings(settings.getDouble("p"));
    }
}
