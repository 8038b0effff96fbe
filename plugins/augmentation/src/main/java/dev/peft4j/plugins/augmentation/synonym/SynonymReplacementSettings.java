package dev.peft4j.plugins.augmentation.synonym;

import com.typesafe.config.Config;

/**
 * @param alpha            fraction of a text's words to replace; at least one word is replaced
 * @param matchInflections also replace inflected words through their base form (see reference.conf)
 */
public record SynonymReplacementSettings(double alpha, boolean matchInflections) {

    public SynonymReplacementSettings {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], the fraction of a text's words replaced by a"
                    + " synonym, but is " + alpha + "; EDA uses 0.1");
        }
    }

    public static SynonymReplacementSettings from(Config settings) {
        return new SynonymReplacementSettings(settings.getDouble("alpha"), settings.getBoolean("match-inflections"));
    }
}
