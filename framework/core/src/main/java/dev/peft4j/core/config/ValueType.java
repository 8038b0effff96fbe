package dev.peft4j.core.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The type a key of the reference admits. A value is accepted when Typesafe Config's getter for that type would
 * read it, so {@code "3"} (e.g. from an environment variable) is a number and {@code yes} a boolean.
 */
enum ValueType {
    INTEGER("a whole number"),
    NUMBER("a number"),
    STRING("a string"),
    BOOLEAN("true or false"),
    LIST("a list"),
    OBJECT("an object"),
    DURATION("a duration such as 30s or 5m"),
    MEMORY_SIZE("a memory size such as 512M or 2G"),
    /** A null default without a declared type: nothing to check against. */
    ANY("any value");

    private static final Set<String> BOOLEAN_WORDS = Set.of("true", "false", "yes", "no", "on", "off");
    private static final int SHOWN_CHARACTERS = 60;

    private final String description;

    ValueType(String description) {
        this.description = description;
    }

    /** What the user must write, for messages: {@code a whole number}. */
    String description() {
        return description;
    }

    /** The name used in {@code peft4j-schema} rules: {@code integer}, {@code memory-size}. */
    String schemaName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Optional<ValueType> fromSchemaName(String name) {
        for (ValueType type : values()) {
            if (type != ANY && type != OBJECT && type.schemaName().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The type a default value stands for; unresolved defaults admit anything. */
    static ValueType of(ConfigValue defaultValue) {
        try {
            return switch (defaultValue.valueType()) {
                case NUMBER -> NUMBER;
                case STRING -> STRING;
                case BOOLEAN -> BOOLEAN;
                case LIST -> LIST;
                case OBJECT -> OBJECT;
                case NULL -> ANY;
            };
        } catch (ConfigException.NotResolved e) {
            return ANY;
        }
    }

    boolean accepts(ConfigValue value) {
        ConfigValueType found = value.valueType();
        return switch (this) {
            case INTEGER -> found == ConfigValueType.NUMBER ? isWhole(((Number) value.unwrapped()).doubleValue())
                    : found == ConfigValueType.STRING && parsesAsLong((String) value.unwrapped());
            case NUMBER -> found == ConfigValueType.NUMBER
                    || found == ConfigValueType.STRING && parsesAsDouble((String) value.unwrapped());
            case STRING -> found == ConfigValueType.STRING || found == ConfigValueType.NUMBER
                    || found == ConfigValueType.BOOLEAN;
            case BOOLEAN -> found == ConfigValueType.BOOLEAN
                    || found == ConfigValueType.STRING && BOOLEAN_WORDS.contains((String) value.unwrapped());
            case LIST -> found == ConfigValueType.LIST;
            case OBJECT -> found == ConfigValueType.OBJECT;
            case DURATION -> readsAs(value, true);
            case MEMORY_SIZE -> readsAs(value, false);
            case ANY -> true;
        };
    }

    /** What a value is, for messages: {@code string "three"}, {@code number 2.5}, {@code list [1,2]}. */
    static String describe(ConfigValue value) {
        String rendered;
        try {
            rendered = value.render(ConfigRenderOptions.concise());
        } catch (ConfigException e) {
            rendered = String.valueOf(value.unwrapped());
        }
        if (rendered.length() > SHOWN_CHARACTERS) {
            rendered = rendered.substring(0, SHOWN_CHARACTERS) + "...";
        }
        return switch (value.valueType()) {
            case NULL -> "null";
            case NUMBER -> "number " + rendered;
            case STRING -> "string " + rendered;
            case BOOLEAN -> "boolean " + rendered;
            case LIST -> "list " + rendered;
            case OBJECT -> "object " + rendered;
        };
    }

    private static boolean isWhole(double number) {
        return number == Math.rint(number) && Math.abs(number) <= Long.MAX_VALUE;
    }

    private static boolean parsesAsLong(String text) {
        try {
            Long.parseLong(text.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean parsesAsDouble(String text) {
        try {
            Double.parseDouble(text.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Asks Typesafe Config itself, so the accepted units are exactly those its getters accept. */
    private static boolean readsAs(ConfigValue value, boolean duration) {
        var holder = ConfigFactory.empty().withValue("v", value);
        try {
            if (duration) {
                holder.getDuration("v");
            } else {
                holder.getMemorySize("v");
            }
            return true;
        } catch (ConfigException e) {
            return false;
        }
    }
}
