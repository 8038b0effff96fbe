package dev.peft4j.plugins.prompttuning.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;

/**
 * The settings of one soft prompt, validated on construction; see the plugin's {@code reference.conf}.
 *
 * @param initText the text whose token embeddings start the prompt ({@link PromptInit#TEXT} only)
 */
public record PromptTuningSettings(int numVirtualTokens, PromptInit init, String initText, double randomStd) {

    /** Where these settings live in a pipeline. */
    public static final String PATH = "method.prompt-tuning";

    public PromptTuningSettings {
        if (numVirtualTokens < 1) {
            throw new InvalidSetting("num-virtual-tokens", "must be an integer >= 1, got " + numVirtualTokens);
        }
        if (init == null) {
            throw new InvalidSetting("init", "must be given");
        }
        if (init == PromptInit.TEXT && (initText == null || initText.isBlank())) {
            throw new InvalidSetting("init-text", "must hold the text to start from when init = text");
        }
        if (!(randomStd > 0) || !Double.isFinite(randomStd)) {
            throw new InvalidSetting("random-std", "must be a finite number > 0, got " + randomStd);
        }
    }

    /** Reads {@code method.prompt-tuning} (already merged with the defaults); errors name the file, line and key. */
    public static PromptTuningSettings fromConfig(Config settings) {
        try {
            PromptInit init;
            try {
                init = PromptInit.parse(settings.getString("init"));
            } catch (IllegalArgumentException e) {
                throw new InvalidSetting("init", e.getMessage());
            }
            return new PromptTuningSettings(settings.getInt("num-virtual-tokens"), init, settings.getString("init-text"),
                    settings.getDouble("random-std"));
        } catch (InvalidSetting e) {
            throw new ConfigException.BadValue(originOf(settings, e.key()), PATH + "." + e.key(), e.getMessage(), e);
        }
    }

    /** The defaults: {@code method.prompt-tuning} of this plugin's own {@code reference.conf}. */
    public static Config reference() {
        return ConfigFactory.parseResources(PromptTuningSettings.class.getClassLoader(), "reference.conf")
                .withOnlyPath(PATH) // a plugin's class loader also sees the host's reference.conf: keep ours only
                .resolve()
                .getConfig(PATH);
    }

    private static ConfigOrigin originOf(Config settings, String key) {
        ConfigValue value = settings.root().get(key);
        return value != null ? value.origin() : settings.origin();
    }

    /** A setting out of range; {@link #key()} names it so the reader can point at its file and line. */
    public static final class InvalidSetting extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        private final String key;

        InvalidSetting(String key, String message) {
            super(message);
            this.key = key;
        }

        /** The key relative to {@code method.prompt-tuning}. */
        public String key() {
            return key;
        }
    }
}
