package dev.peft4j.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns {@code -D key=value} and CLI flags into a config that wins over the pipeline file. Values of keys whose
 * default is a string (or unknown) are taken literally, so paths and free text need no quoting; other values are
 * read as HOCON, so {@code 3}, {@code true} and {@code [accuracy, f1]} get their types.
 */
final class Overrides {

    private Overrides() {
    }

    /**
     * @param overrides key path to raw value
     * @param typeAt    the type the reference gives a key path, empty when no reference defines it
     * @param problems  receives a problem for each key that is not a valid path
     */
    static Config toConfig(Map<String, String> overrides, Function<String, Optional<ValueType>> typeAt,
            List<ConfigProblem> problems) {
        Config config = ConfigFactory.empty(Origins.COMMAND_LINE);
        for (Map.Entry<String, String> entry : new TreeMap<>(overrides).entrySet()) {
            String path = entry.getKey();
            try {
                ConfigUtil.splitPath(path);
            } catch (ConfigException.BadPath e) {
                problems.add(new ConfigProblem(Origins.COMMAND_LINE, -1, path, "a key path such as training.epochs",
                        "an invalid path", null));
                continue;
            }
            ValueType type = typeAt.apply(path).orElse(ValueType.STRING);
            config = config.withValue(path, value(entry.getValue(), type));
        }
        return config;
    }

    private static ConfigValue value(String raw, ValueType type) {
        if (type == ValueType.STRING || type == ValueType.ANY) {
            return ConfigValueFactory.fromAnyRef(raw, Origins.COMMAND_LINE);
        }
        try {
            Config parsed = ConfigFactory.parseString("value = " + raw);
            if (parsed.isResolved() && parsed.hasPath("value") && parsed.root().size() == 1) {
                return ConfigValueFactory.fromAnyRef(parsed.getValue("value").unwrapped(), Origins.COMMAND_LINE);
            }
        } catch (ConfigException e) {
            // Not HOCON: keep the text; the validator reports it as a string where a number (etc.) was expected.
        }
        return ConfigValueFactory.fromAnyRef(raw, Origins.COMMAND_LINE);
    }
}
