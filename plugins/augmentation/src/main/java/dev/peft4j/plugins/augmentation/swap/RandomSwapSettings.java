package dev.peft4j.plugins.augmentation.swap;

import com.typesafe.config.Config;

/** @param alpha number of swaps as a fraction of a text's words; at least one */
public record RandomSwapSettings(double alpha) {

    public RandomSwapSettings {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], the number of word swaps as a fraction of a"
                    + " text's words, but is " + alpha + "; EDA uses 0.1");
        }
    }

    public static RandomSwapSettings from(Config settings) {
        return new RandomSwapSettings(settings.getDouble("alpha"));
    }
}
