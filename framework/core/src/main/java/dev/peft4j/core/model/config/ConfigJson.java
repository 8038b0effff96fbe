package dev.peft4j.core.model.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peft4j.core.model.ModelLoadException;
import java.util.Optional;

/** Typed access to the keys of one {@code config.json}; every failure names the file and the key. */
final class ConfigJson {

    private final JsonNode root;
    private final String source;

    ConfigJson(JsonNode root, String source) {
        this.root = root;
        this.source = source;
    }

    String source() {
        return source;
    }

    int requiredInt(String key) {
        return optionalInt(key).orElseThrow(() -> missing(key));
    }

    int intOr(String key, int fallback) {
        return optionalInt(key).orElse(fallback);
    }

    Optional<Integer> optionalInt(String key) {
        JsonNode node = present(key);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw invalid(key, node, "an integer");
        }
        return Optional.of(node.intValue());
    }

    double requiredDouble(String key) {
        return optionalDouble(key).orElseThrow(() -> missing(key));
    }

    double doubleOr(String key, double fallback) {
        return optionalDouble(key).orElse(fallback);
    }

    Optional<Double> optionalDouble(String key) {
        JsonNode node = present(key);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isNumber()) {
            throw invalid(key, node, "a number");
        }
        return Optional.of(node.doubleValue());
    }

    boolean booleanOr(String key, boolean fallback) {
        JsonNode node = present(key);
        if (node == null) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw invalid(key, node, "true or false");
        }
        return node.booleanValue();
    }

    String stringOr(String key, String fallback) {
        return optionalString(key).orElse(fallback);
    }

    Optional<String> optionalString(String key) {
        JsonNode node = present(key);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw invalid(key, node, "a string");
        }
        return Optional.of(node.textValue());
    }

    /** The object under {@code key}, or empty when absent or null. */
    Optional<ConfigJson> optionalObject(String key) {
        JsonNode node = present(key);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            throw invalid(key, node, "an object");
        }
        return Optional.of(new ConfigJson(node, source + " key '" + key + "'"));
    }

    ModelLoadException error(String key, String problem) {
        return new ModelLoadException(source + ": key '" + key + "' " + problem);
    }

    /** A JSON null counts as absent: Hugging Face writes {@code "n_inner": null} for "use the default". */
    private JsonNode present(String key) {
        JsonNode node = root.get(key);
        return node == null || node.isNull() ? null : node;
    }

    private ModelLoadException missing(String key) {
        return new ModelLoadException(source + ": required key '" + key + "' is missing; add it as the model's "
                + "Hugging Face config.json has it");
    }

    private ModelLoadException invalid(String key, JsonNode node, String expected) {
        return new ModelLoadException(source + ": key '" + key + "' must be " + expected + " but is " + node);
    }
}
