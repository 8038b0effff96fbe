package dev.peft4j.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a merged pipeline against the merged reference: every key must exist in the reference (or lie inside a
 * free-form map, an empty object there), every value must have its default's or its declared type, and chosen
 * values must be allowed. It walks the whole tree and collects every problem instead of stopping at the first.
 */
final class PipelineValidator {

    private static final String CANNOT_RESOLVE = "cannot resolve ";

    private final ConfigObject reference;
    private final ReferenceSchema schema;
    private final List<ExtensionChoice> choices;
    private final List<String> referencePaths = new ArrayList<>();

    PipelineValidator(ConfigObject reference, ReferenceSchema schema, List<ExtensionChoice> choices) {
        this.reference = reference;
        this.schema = schema;
        this.choices = List.copyOf(choices);
        collectPaths(List.of(), reference);
        referencePaths.sort(null);
    }

    /**
     * Every problem of {@code merged}, the resolved merge of {@code written} (the overrides and the pipeline file,
     * unresolved, first wins) and the reference.
     */
    List<ConfigProblem> validate(ConfigObject merged, List<Config> written) {
        Findings findings = new Findings(written);
        walk(List.of(), merged, reference, findings);
        // A default built on an unresolvable pipeline value cannot resolve either: report only the cause.
        if (findings.problems.stream().noneMatch(p -> p.found().startsWith(CANNOT_RESOLVE))) {
            findings.problems.addAll(findings.unresolvedDefaults);
        }
        return findings.problems;
    }

    /** Problems of the reference itself: schema rules naming keys no reference defines. */
    List<ConfigProblem> checkSchemaPaths() {
        List<ConfigProblem> problems = new ArrayList<>();
        schema.rules().forEach((path, rule) -> {
            if (!referencePaths.contains(path)) {
                problems.add(ConfigProblem.at(rule.origin(), ReferenceSchema.KEY + ".\"" + path + "\"", null,
                        "rule for a key no reference.conf defines",
                        Suggestions.closest(path, referencePaths).orElse(null)));
            }
        });
        return problems;
    }

    private void walk(List<String> parent, ConfigObject actual, ConfigObject expected, Findings findings) {
        for (String key : actual.keySet()) {
            List<String> keys = append(parent, key);
            String path = ConfigUtil.joinPath(keys);
            ConfigValue value = actual.get(key);
            ConfigValue defaultValue = expected.get(key);
            try {
                value.valueType();
                if (defaultValue == null) {
                    findings.problems.add(unknownKey(parent, key, path, value, expected));
                } else {
                    check(keys, path, value, defaultValue, findings);
                }
            } catch (ConfigException.NotResolved e) {
                unresolved(keys, path, value, findings);
            }
        }
    }

    /** Locates an unresolved value where it was written, not at the merge with its default. */
    private static void unresolved(List<String> keys, String path, ConfigValue merged, Findings findings) {
        Optional<ConfigValue> written = findings.written(keys);
        ConfigValue shown = written.orElse(merged);
        ConfigProblem problem = ConfigProblem.at(shown.origin(), path, null, CANNOT_RESOLVE + renderUnresolved(shown)
                + ": no key of that path in the pipeline or any reference.conf, nor an environment variable", null);
        (written.isPresent() ? findings.problems : findings.unresolvedDefaults).add(problem);
    }

    private void check(List<String> keys, String path, ConfigValue value, ConfigValue defaultValue,
            Findings findings) {
        List<ConfigProblem> problems = findings.problems;
        Optional<KeyRule> rule = schema.rule(path);
        ValueType type = rule.map(KeyRule::type).orElse(null);
        if (type == null) {
            type = ValueType.of(defaultValue);
        }
        if (value.valueType() == ConfigValueType.NULL) {
            if (defaultValue.valueType() != ConfigValueType.NULL) {
                problems.add(ConfigProblem.at(value.origin(), path, type.description(), "null", null));
            }
            return;
        }
        if (!type.accepts(value)) {
            problems.add(ConfigProblem.at(value.origin(), path, type.description(), ValueType.describe(value), null));
            return;
        }
        if (type == ValueType.OBJECT) {
            ConfigObject defaults = (ConfigObject) defaultValue;
            if (!defaults.isEmpty()) {
                walk(keys, (ConfigObject) value, defaults, findings);
            }
            return;
        }
        if (type == ValueType.LIST) {
            checkElements(path, (ConfigList) value, defaultValue, problems);
        }
        List<String> allowed = rule.map(KeyRule::oneOf).orElse(List.of());
        if (!allowed.isEmpty()) {
            checkAllowed(path, value, allowed, "one of " + String.join(", ", allowed), problems);
        }
        for (ExtensionChoice choice : choices) {
            if (choice.selector().equals(path)) {
                checkAllowed(path, value, List.copyOf(choice.available()),
                        "a loaded " + choice.kind() + " (" + choice.availableText() + ")", problems);
            }
        }
    }

    /** Elements of a list must have the type of the default list's elements, when the default has any. */
    private static void checkElements(String path, ConfigList list, ConfigValue defaultValue,
            List<ConfigProblem> problems) {
        if (!(defaultValue instanceof ConfigList defaults) || defaults.isEmpty()) {
            return;
        }
        ValueType elementType = ValueType.of(defaults.get(0));
        for (int i = 0; i < list.size(); i++) {
            ConfigValue element = list.get(i);
            if (!elementType.accepts(element)) {
                problems.add(ConfigProblem.at(element.origin(), path + "[" + i + "]", elementType.description(),
                        ValueType.describe(element), null));
            }
        }
    }

    /** A scalar must be one of {@code allowed}; a list's elements must each be. */
    private static void checkAllowed(String path, ConfigValue value, List<String> allowed, String expected,
            List<ConfigProblem> problems) {
        if (value instanceof ConfigList list) {
            for (int i = 0; i < list.size(); i++) {
                checkOne(path + "[" + i + "]", list.get(i), allowed, expected, problems);
            }
        } else {
            checkOne(path, value, allowed, expected, problems);
        }
    }

    private static void checkOne(String path, ConfigValue value, List<String> allowed, String expected,
            List<ConfigProblem> problems) {
        String text = String.valueOf(value.unwrapped());
        if (!allowed.contains(text)) {
            problems.add(ConfigProblem.at(value.origin(), path, expected, ValueType.describe(value),
                    Suggestions.closest(text, allowed).orElse(null)));
        }
    }

    private ConfigProblem unknownKey(List<String> parent, String key, String path, ConfigValue value,
            ConfigObject siblings) {
        String parentPath = parent.isEmpty() ? "" : ConfigUtil.joinPath(parent);
        for (ExtensionChoice choice : choices) {
            if (choice.blocks().equals(parentPath) && value.valueType() == ConfigValueType.OBJECT) {
                return unknownBlock(choice, key, path, value);
            }
        }
        Optional<String> sibling = Suggestions.closest(key, sorted(siblings))
                .map(name -> ConfigUtil.joinPath(append(parent, name)));
        Optional<String> suggestion = sibling
                .or(() -> Suggestions.closest(path, referencePaths))
                .or(() -> referencePaths.stream().filter(p -> lastKey(p).equals(key)).findFirst());
        String found = "unknown key";
        if (suggestion.isEmpty()) {
            found += parent.isEmpty()
                    ? " (the top-level blocks are: " + String.join(", ", sorted(siblings)) + ")"
                    : " (" + parentPath + " holds: " + String.join(", ", sorted(siblings)) + ")";
        }
        return ConfigProblem.at(value.origin(), path, null, found, suggestion.orElse(null));
    }

    private static ConfigProblem unknownBlock(ExtensionChoice choice, String name, String path, ConfigValue value) {
        if (choice.available().contains(name)) {
            return ConfigProblem.at(value.origin(), path, null,
                    "the " + choice.kind() + " '" + name + "' takes no settings (its reference.conf defines no "
                            + path + ")", null);
        }
        return ConfigProblem.at(value.origin(), path, null,
                "no loaded plugin provides the " + choice.kind() + " '" + name + "'; available: "
                        + choice.availableText(),
                Suggestions.closest(name, choice.available()).map(n -> choice.blocks() + "." + n).orElse(null));
    }

    /** What one validation collects; {@code written} are the unresolved layers the user wrote, first wins. */
    private static final class Findings {
        final List<ConfigProblem> problems = new ArrayList<>();
        final List<ConfigProblem> unresolvedDefaults = new ArrayList<>();
        final List<Config> written;

        Findings(List<Config> written) {
            this.written = written;
        }

        Optional<ConfigValue> written(List<String> keys) {
            for (Config layer : written) {
                ConfigValue current = layer.root();
                try {
                    for (String key : keys) {
                        current = current instanceof ConfigObject object ? object.get(key) : null;
                        if (current == null) {
                            break;
                        }
                    }
                } catch (ConfigException.NotResolved e) {
                    current = null;
                }
                if (current != null) {
                    return Optional.of(current);
                }
            }
            return Optional.empty();
        }
    }

    private void collectPaths(List<String> parent, ConfigObject object) {
        for (String key : object.keySet()) {
            List<String> keys = append(parent, key);
            referencePaths.add(ConfigUtil.joinPath(keys));
            if (object.get(key) instanceof ConfigObject child) {
                collectPaths(keys, child);
            }
        }
    }

    private static String renderUnresolved(ConfigValue value) {
        try {
            return value.render(ConfigRenderOptions.concise());
        } catch (ConfigException e) {
            return "a substitution";
        }
    }

    private static List<String> sorted(ConfigObject object) {
        return object.keySet().stream().sorted().toList();
    }

    private static String lastKey(String path) {
        List<String> keys = ConfigUtil.splitPath(path);
        return keys.get(keys.size() - 1);
    }

    private static List<String> append(List<String> parent, String key) {
        List<String> keys = new ArrayList<>(parent);
        keys.add(key);
        return keys;
    }
}
