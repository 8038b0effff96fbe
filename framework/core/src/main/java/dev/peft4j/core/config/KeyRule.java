package dev.peft4j.core.config;

import com.typesafe.config.ConfigOrigin;
import java.util.List;

/**
 * What a {@code peft4j-schema} entry says about one key beyond its default's type.
 *
 * @param type   the declared type, or null to use the default's
 * @param oneOf  the allowed values (of a list: of each element); empty when any value of the type is allowed
 * @param origin where the rule is written, for problems with the rule itself
 */
record KeyRule(ValueType type, List<String> oneOf, ConfigOrigin origin) {

    KeyRule {
        oneOf = List.copyOf(oneOf);
    }
}
