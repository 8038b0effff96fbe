package dev.peft4j.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code peft4j-schema} blocks of the reference configs: per key path, what HOCON defaults cannot say (whole
 * numbers, durations, memory sizes, allowed values, the type of a null default). Keeping the rules in the same
 * reference.conf as the defaults lets a plugin ship both in one file, with no SPI and no second resource.
 */
final class ReferenceSchema {

    /** The reserved top-level key holding the rules; it is removed from the reference before validation. */
    static final String KEY = "peft4j-schema";

    private static final String TYPE = "type";
    private static final String ONE_OF = "one-of";

    private final Map<String, KeyRule> rules;

    private ReferenceSchema(Map<String, KeyRule> rules) {
        this.rules = rules;
    }

    /**
     * Reads the rules of every reference; the first reference declaring a path wins, as its defaults do. Malformed
     * rules are added to {@code problems}, naming the reference file and line.
     */
    static ReferenceSchema read(List<Config> references, List<ConfigProblem> problems) {
        Map<String, KeyRule> rules = new LinkedHashMap<>();
        for (Config reference : references) {
            if (!reference.hasPath(KEY)) {
                continue;
            }
            ConfigValue block = reference.root().get(KEY);
            if (!(block instanceof ConfigObject entries)) {
                problems.add(ConfigProblem.at(block.origin(), KEY, "an object of rules keyed by quoted key paths",
                        ValueType.describe(block), null));
                continue;
            }
            for (Map.Entry<String, ConfigValue> entry : entries.entrySet()) {
                readRule(entry.getKey(), entry.getValue(), problems)
                        .ifPresent(rule -> rules.putIfAbsent(entry.getKey(), rule));
            }
        }
        return new ReferenceSchema(rules);
    }

    Optional<KeyRule> rule(String path) {
        return Optional.ofNullable(rules.get(path));
    }

    /** Every path a rule is declared for, to check each names a key the references define. */
    Map<String, KeyRule> rules() {
        return rules;
    }

    private static Optional<KeyRule> readRule(String path, ConfigValue value, List<ConfigProblem> problems) {
        String where = KEY + ".\"" + path + "\"";
        if (!(value instanceof ConfigObject fields)) {
            problems.add(ConfigProblem.at(value.origin(), where, "an object with `type` and/or `one-of`",
                    ValueType.describe(value), null));
            return Optional.empty();
        }
        int before = problems.size();
        for (String field : fields.keySet()) {
            if (!field.equals(TYPE) && !field.equals(ONE_OF)) {
                problems.add(ConfigProblem.at(fields.get(field).origin(), where + "." + field, null,
                        "unknown rule field (a rule has `type` and `one-of`)",
                        Suggestions.closest(field, List.of(TYPE, ONE_OF)).orElse(null)));
            }
        }
        ValueType type = null;
        ConfigValue typeValue = fields.get(TYPE);
        if (typeValue != null) {
            String name = String.valueOf(typeValue.unwrapped());
            type = ValueType.fromSchemaName(name).orElse(null);
            if (type == null) {
                problems.add(ConfigProblem.at(typeValue.origin(), where + "." + TYPE, "one of " + typeNames(),
                        ValueType.describe(typeValue), Suggestions.closest(name, typeNameList()).orElse(null)));
            }
        }
        List<String> oneOf = new ArrayList<>();
        ConfigValue oneOfValue = fields.get(ONE_OF);
        if (oneOfValue != null) {
            if (oneOfValue.valueType() == ConfigValueType.LIST && oneOfValue.unwrapped() instanceof List<?> allowed
                    && !allowed.isEmpty() && allowed.stream().allMatch(String.class::isInstance)) {
                allowed.forEach(v -> oneOf.add((String) v));
            } else {
                problems.add(ConfigProblem.at(oneOfValue.origin(), where + "." + ONE_OF, "a non-empty list of strings",
                        ValueType.describe(oneOfValue), null));
            }
        }
        return problems.size() == before ? Optional.of(new KeyRule(type, oneOf, value.origin())) : Optional.empty();
    }

    private static List<String> typeNameList() {
        List<String> names = new ArrayList<>();
        for (ValueType type : ValueType.values()) {
            ValueType.fromSchemaName(type.schemaName()).ifPresent(t -> names.add(t.schemaName()));
        }
        return names;
    }

    private static String typeNames() {
        return String.join(", ", typeNameList());
    }
}
