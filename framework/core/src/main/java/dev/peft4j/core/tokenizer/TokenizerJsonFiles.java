package dev.peft4j.core.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads the JSON files of a Hugging Face tokenizer folder. */
final class TokenizerJsonFiles {

    static final String TOKENIZER = "tokenizer.json";
    static final String TOKENIZER_CONFIG = "tokenizer_config.json";
    static final String SPECIAL_TOKENS_MAP = "special_tokens_map.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenizerJsonFiles() {
    }

    static JsonNode readRequired(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new TokenizerLoadException(file, "missing; a Hugging Face checkpoint folder needs its "
                    + TOKENIZER + " (the fast-tokenizer file that transformers saves)");
        }
        return parse(file);
    }

    /** The file's JSON, or an empty object when the optional file is absent. */
    static JsonNode readOptional(Path file) {
        return Files.isRegularFile(file) ? parse(file) : JSON.createObjectNode();
    }

    /**
     * A special token's text: transformers writes it as a string, as {@code {"content": ...}} (an AddedToken), or as
     * null for "none".
     */
    static Optional<String> tokenText(JsonNode holder, String key) {
        JsonNode node = holder.get(key);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            return Optional.of(node.textValue());
        }
        JsonNode content = node.get("content");
        return content != null && content.isTextual() ? Optional.of(content.textValue()) : Optional.empty();
    }

    private static JsonNode parse(Path file) {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw new TokenizerLoadException(file, "must hold a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw new TokenizerLoadException(file, "not readable as JSON: " + e.getMessage(), e);
        }
    }
}
