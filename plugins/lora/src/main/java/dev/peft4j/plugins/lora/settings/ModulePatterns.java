package dev.peft4j.plugins.lora.settings;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * PEFT's {@code rank_pattern} / {@code alpha_pattern} lookup: a key matches a module when the module's full name
 * matches {@code (.*\.)?(key)} entirely; the first matching key in map order wins.
 */
public final class ModulePatterns {

    private ModulePatterns() {
    }

    /** The value of the first key matching {@code moduleName}, or {@code fallback} when none does. */
    public static <V> V lookup(Map<String, V> patterns, String moduleName, V fallback) {
        for (Map.Entry<String, V> entry : patterns.entrySet()) {
            if (compile(entry.getKey()).matcher(moduleName).matches()) {
                return entry.getValue();
            }
        }
        return fallback;
    }

    /** Fails with the regex error when a key does not compile. */
    static void validateKey(String key) {
        try {
            compile(key);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("pattern key '" + key + "' is not a valid regular expression: "
                    + e.getDescription(), e);
        }
    }

    private static Pattern compile(String key) {
        return Pattern.compile("(.*\\.)?(" + key + ")");
    }
}
