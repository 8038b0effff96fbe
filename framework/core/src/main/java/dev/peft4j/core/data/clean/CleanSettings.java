package dev.peft4j.core.data.clean;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.peft4j.core.data.ConfigReads;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Text cleaning and row filtering.
 *
 * @param steps     cleaning steps in the order they run
 * @param minLength rows with a text shorter than this (in {@code lengthUnit}) are dropped; 0 keeps all
 * @param maxLength rows with a text longer than this are dropped; 0 means no limit
 * @param dropEmpty rows whose text (or pair text) is empty after cleaning are dropped
 */
public record CleanSettings(List<CleanStep> steps, MaskTokens masks, LengthUnit lengthUnit, int minLength,
                            int maxLength, boolean dropEmpty) {

    /** What masked spans are replaced with. */
    public record MaskTokens(String url, String email, String number) {
        public MaskTokens {
            for (String token : new String[] {url, email, number}) {
                if (token == null || token.isBlank()) {
                    throw new IllegalArgumentException("data.clean.masks tokens must not be empty");
                }
            }
        }
    }

    public CleanSettings {
        steps = List.copyOf(steps);
        Objects.requireNonNull(masks, "data.clean.masks");
        Objects.requireNonNull(lengthUnit, "data.clean.length.unit");
        Set<CleanStep> seen = EnumSet.noneOf(CleanStep.class);
        for (CleanStep step : steps) {
            if (!seen.add(step)) {
                throw new IllegalArgumentException("data.clean.steps lists " + ConfigReads.kebab(step) + " twice");
            }
        }
        if (minLength < 0 || maxLength < 0) {
            throw new IllegalArgumentException("data.clean.length.min and .max must not be negative, got "
                    + minLength + " and " + maxLength);
        }
        if (maxLength > 0 && maxLength < minLength) {
            throw new IllegalArgumentException("data.clean.length.max (" + maxLength + ") is below .min ("
                    + minLength + ")");
        }
    }

    /** Reads {@code clean.*} from the {@code data} block. */
    public static CleanSettings from(Config data) {
        Config clean = data.getConfig("clean");
        List<CleanStep> steps = new ArrayList<>();
        List<String> names = clean.getStringList("steps");
        for (int i = 0; i < names.size(); i++) {
            steps.add(step(clean, names.get(i)));
        }
        return new CleanSettings(steps,
                new MaskTokens(clean.getString("masks.url"), clean.getString("masks.email"),
                        clean.getString("masks.number")),
                ConfigReads.enumValue(data, "clean.length.unit", LengthUnit.class),
                clean.getInt("length.min"),
                clean.getInt("length.max"),
                clean.getBoolean("drop-empty"));
    }

    private static CleanStep step(Config clean, String name) {
        for (CleanStep step : CleanStep.values()) {
            if (ConfigReads.kebab(step).equals(name)) {
                return step;
            }
        }
        throw new ConfigException.BadValue(clean.getValue("steps").origin(), "data.clean.steps",
                "'" + name + "' is not a cleaning step; the steps are " + ConfigReads.options(CleanStep.class));
    }
}
