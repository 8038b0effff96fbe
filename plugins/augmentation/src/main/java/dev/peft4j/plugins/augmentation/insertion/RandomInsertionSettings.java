package dev.peft4j.plugins.augmentation.insertion;

import com.typesafe.config.Config;

/**
 * @param alpha            number of insertions as a fraction of a text's words; at least one
 * @param matchInflections also take synonyms of inflected words through their base form (see reference.conf)
 */
public record RandomInsertionSettings(double alpha, boolean matchInflections) {

    public RandomInsertionSettings {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], the number of inserted synonyms as a fraction"
                    + " of a text's words, but is " + alpha + "; EDA uses 0.1");
        }
    }

    public static RandomInsertionSettings from(Config settings) {
        return new RandomInsertionSettings(settings.getDouble("alpha"), settings.getBoolean("match-inflections"));
    }
}
