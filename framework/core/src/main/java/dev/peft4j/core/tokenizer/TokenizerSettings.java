package dev.peft4j.core.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@code tokenizer_config.json} and {@code special_tokens_map.json} say beyond tokenizer.json; the config file wins
 * over the map, as in transformers. Absent keys take transformers' defaults (right padding, no maximum length).
 */
record TokenizerSettings(Optional<String> padToken, Optional<String> eosToken, Optional<String> maskToken,
        PaddingSide paddingSide, OptionalInt modelMaxLength) {

    /** transformers writes 1e30 (VERY_LARGE_INTEGER) for "no limit". */
    private static final double NO_LIMIT = 1e18;

    static TokenizerSettings read(Path dir) {
        Path configFile = dir.resolve(TokenizerJsonFiles.TOKENIZER_CONFIG);
        JsonNode config = TokenizerJsonFiles.readOptional(configFile);
        JsonNode map = TokenizerJsonFiles.readOptional(dir.resolve(TokenizerJsonFiles.SPECIAL_TOKENS_MAP));
        return new TokenizerSettings(
                special(config, map, "pad_token"),
                special(config, map, "eos_token"),
                special(config, map, "mask_token"),
                paddingSide(configFile, config),
                modelMaxLength(configFile, config));
    }

    private static Optional<String> special(JsonNode config, JsonNode map, String key) {
        if (config.has(key)) {
            return TokenizerJsonFiles.tokenText(config, key); // an explicit null means none, even if the map has one
        }
        return TokenizerJsonFiles.tokenText(map, key);
    }

    private static PaddingSide paddingSide(Path file, JsonNode config) {
        JsonNode side = config.get("padding_side");
        if (side == null || side.isNull()) {
            return PaddingSide.RIGHT;
        }
        return switch (side.asText().toLowerCase(Locale.ROOT)) {
            case "left" -> PaddingSide.LEFT;
            case "right" -> PaddingSide.RIGHT;
            default -> throw new TokenizerLoadException(file,
                    "padding_side must be \"left\" or \"right\", not " + side);
        };
    }

    private static OptionalInt modelMaxLength(Path file, JsonNode config) {
        JsonNode length = config.get("model_max_length");
        if (length == null || length.isNull() || (length.isNumber() && length.doubleValue() >= NO_LIMIT)) {
            return OptionalInt.empty();
        }
        if (!length.isNumber() || length.doubleValue() < 1 || length.doubleValue() > Integer.MAX_VALUE) {
            throw new TokenizerLoadException(file, "model_max_length must be a positive integer, not " + length);
        }
        return OptionalInt.of(length.intValue());
    }
}
