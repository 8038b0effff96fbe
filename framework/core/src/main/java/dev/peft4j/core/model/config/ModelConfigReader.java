package dev.peft4j.core.model.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peft4j.core.model.ModelLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a Hugging Face {@code config.json} into the {@link ModelConfig} of its {@code model_type}. */
public final class ModelConfigReader {

    /** The {@code model_type} values peft4j can build. */
    public static final List<String> SUPPORTED_TYPES = List.of("bert", "gpt2", "llama", "mistral", "qwen2");

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelConfigReader() {
    }

    public static ModelConfig read(Path configJson) {
        String text;
        try {
            text = Files.readString(configJson);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + configJson + ": " + e.getMessage()
                    + "; a checkpoint folder needs its config.json", e);
        }
        return parse(text, configJson.toString());
    }

    /** @param source names the text in error messages, e.g. the file path */
    public static ModelConfig parse(String text, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ModelLoadException(source + " is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelLoadException(source + " must hold a JSON object with the model's settings");
        }
        ConfigJson json = new ConfigJson(root, source);
        String type = json.optionalString("model_type").orElseThrow(() -> new ModelLoadException(source
                + ": key 'model_type' is missing; it tells which architecture to build (supported: "
                + SUPPORTED_TYPES + ")"));
        try {
            return switch (type) {
                case "bert" -> BertConfig.read(json);
                case "gpt2" -> Gpt2Config.read(json);
                case "llama", "mistral", "qwen2" -> LlamaConfig.read(json, type);
                default -> throw new ModelLoadException(source + ": model_type '" + type
                        + "' is not supported; peft4j builds " + SUPPORTED_TYPES);
            };
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(source + ": " + e.getMessage(), e);
        }
    }
}
