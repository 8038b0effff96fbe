package dev.peft4j.core.data.augment;

import com.typesafe.config.Config;
import java.util.HashSet;
import java.util.List;

/**
 * Augmentation of the training split.
 *
 * @param probability the chance that a training row is augmented at all
 * @param perExample  new examples made from a row that is augmented, each by an augmenter drawn at random
 * @param augmenters  names of the augmenters to use, as their factories are named
 */
public record AugmentSettings(boolean enabled, double probability, int perExample, List<String> augmenters) {

    public AugmentSettings {
        augmenters = List.copyOf(augmenters);
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("data.augment.probability must lie in [0, 1], got " + probability);
        }
        if (perExample < 1) {
            throw new IllegalArgumentException("data.augment.per-example must be at least 1, got " + perExample);
        }
        if (enabled && augmenters.isEmpty()) {
            throw new IllegalArgumentException("data.augment.enabled = true but data.augment.augmenters is empty:"
                    + " name at least one augmenter (e.g. [\"random-swap\"]) or set enabled = false");
        }
        if (new HashSet<>(augmenters).size() != augmenters.size()) {
            throw new IllegalArgumentException("data.augment.augmenters names one augmenter twice: " + augmenters);
        }
    }

    /** Reads {@code augment.*} from the {@code data} block. */
    public static AugmentSettings from(Config data) {
        return new AugmentSettings(data.getBoolean("augment.enabled"), data.getDouble("augment.probability"),
                data.getInt("augment.per-example"), data.getStringList("augment.augmenters"));
    }
}
