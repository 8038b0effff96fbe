package dev.peft4j.plugins.augmentation;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.function.Function;

/**
 * Reads an augmenter's settings record and reports a value its constructor rejects as a config error that names the
 * file, line and key path, the way the host reports every other config mistake.
 */
public final class SettingsReader {

    /** The pipeline block whose children hold augmenter settings, by each augmenter's settings path. */
    public static final String BLOCK = "data.augment";

    private SettingsReader() {
    }

    public static <T> T read(Config settings, String settingsPath, Function<Config, T> reader) {
        try {
            return reader.apply(settings);
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(settings.origin(), BLOCK + "." + settingsPath, e.getMessage(), e);
        }
    }
}
