package dev.peft4j.core.data;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Small helpers to read the {@code data} block (paths are relative to it): kebab-case enums and nullable keys, with
 * errors naming file:line and the full key.
 */
public final class ConfigReads {

    private ConfigReads() {
    }

    /** The enum constant whose kebab-case name ({@code LABEL_FIRST} is {@code label-first}) is the value at path. */
    public static <E extends Enum<E>> E enumValue(Config config, String path, Class<E> type) {
        String value = config.getString(path);
        for (E constant : type.getEnumConstants()) {
            if (kebab(constant).equals(value.trim().toLowerCase(Locale.ROOT))) {
                return constant;
            }
        }
        throw new ConfigException.BadValue(config.getValue(path).origin(), "data." + path,
                "'" + value + "' is not one of " + options(type));
    }

    /** The string at path, or null when the key is absent or set to null. */
    public static String nullableString(Config config, String path) {
        return config.hasPath(path) ? config.getString(path) : null;
    }

    public static String kebab(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static <E extends Enum<E>> String options(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(ConfigReads::kebab)
                .collect(Collectors.joining(" | ", "[", "]"));
    }
}
