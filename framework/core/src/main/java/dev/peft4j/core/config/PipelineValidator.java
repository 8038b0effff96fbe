package dev.peft4j.core.config;

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

    /** Every problem of {@code pipeline}, the resolved merge of overrides, pipeline file and reference. */
    List<ConfigProblem> validate(ConfigObject pipeline) {
        List<ConfigProblem> problems = new ArrayList<>();
        walk(List.of(), pipeline, reference, problems);
        return problems;
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

    private void walk(List<String> parent, ConfigObject actual, ConfigObject expected, List<ConfigProblem> problems) {
        for (String key : actual.keySet()) {
            List<String> keys = append(parent, key);
            String path = ConfigUtil.joinPath(keys);
            ConfigValue value = actual.get(key);
            ConfigValue defaultValue = expected.get(key);
            try {
                value.valueType();
                if (defaultValue == null) {
                    problems.add(unknownKey(parent, key, path, value, expected));
                } else {
                    check(keys, path, value, defaultValue, problems);
                }
            } catch (ConfigException.NotResolved e) {
                problems.add(ConfigProblem.at(value.origin(), path, null,
                        "cannot resolve " + renderUnresolved(value)
                                + ": no key of that path in the pipeline or any reference.conf, nor an environment variable",
                        null));
            }
        }
    }

    private void check(List<String> keys, String path, ConfigValue value, ConfigValue defaultValue,
            List<ConfigProblem> problems) {
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
                walk(keys, (ConfigObject) value, defaults, problems);
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
