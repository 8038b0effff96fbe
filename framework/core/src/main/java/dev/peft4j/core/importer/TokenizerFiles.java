package dev.peft4j.core.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the tokenizer files of an imported BERT checkpoint from its WordPiece tokenizer.json. */
final class TokenizerFiles {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SPECIAL = {"unk_token", "[UNK]", "sep_token", "[SEP]", "pad_token", "[PAD]",
        "cls_token", "[CLS]", "mask_token", "[MASK]"};

    private TokenizerFiles() {
    }

    /**
     * Writes tokenizer.json, tokenizer_config.json and special_tokens_map.json into {@code dir}. The padding and
     * truncation that a sentence-embedding export bakes into tokenizer.json (pad every text to 128) are removed:
     * a checkpoint's batches pad to their longest row, and truncation follows model_max_length.
     */
    static void write(byte[] tokenizerJson, String source, Path dir, int modelMaxLength) throws IOException {
        JsonNode root = JSON.readTree(tokenizerJson);
        if (root == null || !root.isObject() || !"WordPiece".equals(root.path("model").path("type").asText())) {
            throw new OnnxImportException(source, "not a WordPiece tokenizer.json (model.type is '"
                    + (root == null ? "" : root.path("model").path("type").asText()) + "'), which BERT uses");
        }
        ObjectNode tokenizer = (ObjectNode) root;
        tokenizer.putNull("truncation");
        tokenizer.putNull("padding");
        Files.writeString(dir.resolve("tokenizer.json"), JSON.writeValueAsString(tokenizer), StandardCharsets.UTF_8);

        JsonNode normalizer = root.path("normalizer");
        ObjectNode config = JSON.createObjectNode();
        config.put("clean_up_tokenization_spaces", true);
        config.put("do_lower_case", normalizer.path("lowercase").asBoolean(true));
        config.put("model_max_length", modelMaxLength);
        config.put("padding_side", "right");
        config.set("strip_accents", normalizer.path("strip_accents").isMissingNode()
                ? JSON.nullNode() : normalizer.get("strip_accents"));
        config.put("tokenize_chinese_chars", normalizer.path("handle_chinese_chars").asBoolean(true));
        config.put("tokenizer_class", "BertTokenizer");
        ObjectNode map = JSON.createObjectNode();
        for (int k = 0; k < SPECIAL.length; k += 2) {
            config.put(SPECIAL[k], SPECIAL[k + 1]);
            map.put(SPECIAL[k], SPECIAL[k + 1]);
        }
        Files.writeString(dir.resolve("tokenizer_config.json"), config.toPrettyString() + "\n");
        Files.writeString(dir.resolve("special_tokens_map.json"), map.toPrettyString() + "\n");
    }

    /** The special tokens the written config names, each of which must be in the vocabulary. */
    static String[] specialTokens() {
        String[] tokens = new String[SPECIAL.length / 2];
        for (int k = 0; k < tokens.length; k++) {
            tokens[k] = SPECIAL[2 * k + 1];
        }
        return tokens;
    }
}
