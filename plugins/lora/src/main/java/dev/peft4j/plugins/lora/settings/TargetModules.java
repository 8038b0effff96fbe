package dev.peft4j.plugins.lora.settings;

import dev.peft4j.spi.method.LinearLayer;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A choice of linear layers as PEFT's {@code target_modules} and {@code exclude_modules} express it: a list of names
 * (a layer matches when its full name equals an entry or ends with "." + entry), a regular expression matching the
 * whole name, {@code all-linear}, or the architecture's default.
 */
public sealed interface TargetModules {

    /** The string that selects every linear layer inside the transformer blocks. */
    String ALL_LINEAR = "all-linear";

    boolean matches(LinearLayer layer);

    /** The value PEFT writes for this choice: a list of names, a regex string, {@code all-linear}, or null. */
    Object peftValue();

    /** Reads a PEFT-style value: null → {@code whenAbsent}, a list → names (empty → {@code whenAbsent}), a string → regex or all-linear. */
    static TargetModules of(Object value, TargetModules whenAbsent) {
        if (value == null) {
            return whenAbsent;
        }
        if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                return whenAbsent;
            }
            return new Names(list.stream().map(String::valueOf).toList());
        }
        String text = String.valueOf(value);
        return text.equals(ALL_LINEAR) ? new AllLinear() : new Regex(text);
    }

    /** Layers named by a list: exact full name or "." suffix. An empty list matches nothing. */
    record Names(List<String> names) implements TargetModules {
        public Names {
            names = List.copyOf(names);
            for (String name : names) {
                if (name.isBlank()) {
                    throw new IllegalArgumentException("module names must not be blank, got " + names);
                }
            }
        }

        @Override
        public boolean matches(LinearLayer layer) {
            return names.stream().anyMatch(entry -> matchesName(layer.name(), entry));
        }

        /** Whether a module named {@code moduleName} is selected by the list entry {@code entry}. */
        public static boolean matchesName(String moduleName, String entry) {
            return moduleName.equals(entry) || moduleName.endsWith("." + entry);
        }

        @Override
        public Object peftValue() {
            return names;
        }
    }

    /** Layers whose full name matches a regular expression entirely (PEFT's {@code re.fullmatch}). */
    record Regex(String expression) implements TargetModules {
        public Regex {
            try {
                Pattern.compile(expression);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("not a valid regular expression: " + e.getMessage(), e);
            }
        }

        @Override
        public boolean matches(LinearLayer layer) {
            return Pattern.compile(expression).matcher(layer.name()).matches();
        }

        @Override
        public Object peftValue() {
            return expression;
        }
    }

    /** Every linear layer inside a transformer block; the heads (layer index -1) are left out. */
    record AllLinear() implements TargetModules {
        @Override
        public boolean matches(LinearLayer layer) {
            return layer.layerIndex() >= 0;
        }

        @Override
        public Object peftValue() {
            return ALL_LINEAR;
        }
    }

    /** The architecture's default targets, resolved against the model at injection. */
    record ArchitectureDefault() implements TargetModules {
        @Override
        public boolean matches(LinearLayer layer) {
            throw new IllegalStateException("the architecture default must be resolved to names before matching");
        }

        @Override
        public Object peftValue() {
            return null;
        }
    }
}
