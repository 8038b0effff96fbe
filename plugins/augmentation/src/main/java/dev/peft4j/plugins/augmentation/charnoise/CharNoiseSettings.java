package dev.peft4j.plugins.augmentation.charnoise;

import com.typesafe.config.Config;

/**
 * Per-letter typo probabilities; a letter suffers at most one of them.
 *
 * @param substituteRate probability that a letter is replaced by a neighbouring QWERTY key
 * @param dropRate       probability that a letter is dropped
 * @param duplicateRate  probability that a letter is typed twice
 */
public record CharNoiseSettings(double substituteRate, double dropRate, double duplicateRate) {

    public CharNoiseSettings {
        requireRate("substitute-rate", substituteRate);
        requireRate("drop-rate", dropRate);
        requireRate("duplicate-rate", duplicateRate);
        double total = substituteRate + dropRate + duplicateRate;
        if (total <= 0 || total > 1) {
            throw new IllegalArgumentException("substitute-rate + drop-rate + duplicate-rate must be in (0, 1], since"
                    + " each letter suffers at most one typo, but is " + total + "; lower the rates"
                    + (total <= 0 ? " or raise one above 0" : ""));
        }
    }

    private static void requireRate(String key, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(key + " must be a probability in [0, 1] but is " + rate);
        }
    }

    public static CharNoiseSettings from(Config settings) {
        return new CharNoiseSettings(settings.getDouble("substitute-rate"), settings.getDouble("drop-rate"),
                settings.getDouble("duplicate-rate"));
    }
}
