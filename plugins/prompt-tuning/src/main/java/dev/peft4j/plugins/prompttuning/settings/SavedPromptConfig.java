package dev.peft4j.plugins.prompttuning.settings;

import com.typesafe.config.Config;
import dev.peft4j.spi.method.AdapterConfigValues;
import dev.peft4j.spi.method.ModelSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;

/** Prompt-tuning settings as Hugging Face PEFT writes them in {@code adapter_config.json} ({@code PromptTuningConfig}), both ways. */
public final class SavedPromptConfig {

    public static final String PEFT_TYPE = "PROMPT_TUNING";

    private static final Set<String> HOST_KEYS = Set.of("peft_type", "task_type", "base_model_name_or_path",
            "revision", "inference_mode", "auto_mapping", "peft_version", "peft4j_version");

    /** Keys PEFT writes that do not change what a loaded prompt computes. */
    private static final Set<String> IRRELEVANT_KEYS = Set.of("num_attention_heads", "num_layers",
            "tokenizer_name_or_path", "tokenizer_kwargs", "modules_to_save");

    private static final Set<String> KEYS = Set.of("num_virtual_tokens", "token_dim", "num_transformer_submodules",
            "prompt_tuning_init", "prompt_tuning_init_text");

    private SavedPromptConfig() {
    }

    /**
     * @param model           the model the prompt was injected into, or null before injection (then its sizes are null)
     * @param modelNameOrPath the base model's name or path, recorded as {@code tokenizer_name_or_path} for a text init
     */
    public static Map<String, Object> write(PromptTuningSettings settings, ModelSpec model, String modelNameOrPath) {
        boolean text = settings.init() == PromptInit.TEXT;
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("peft_type", PEFT_TYPE);
        config.put("num_virtual_tokens", settings.numVirtualTokens());
        config.put("token_dim", model == null ? null : model.hiddenSize());
        config.put("num_transformer_submodules", 1);
        config.put("num_attention_heads", model == null ? null : model.numHeads());
        config.put("num_layers", model == null ? null : model.numLayers());
        config.put("prompt_tuning_init", settings.init().peftName());
        config.put("prompt_tuning_init_text", text ? settings.initText() : null);
        config.put("tokenizer_name_or_path", text ? modelNameOrPath : null);
        config.put("tokenizer_kwargs", null);
        return config;
    }

    /** A saved prompt's settings, and the embedding width it was trained for (null when not recorded). */
    public record Loaded(PromptTuningSettings settings, Integer tokenDim) {
    }

    /**
     * Reads a config written by PEFT or peft4j. Keys it lacks take the plugin's defaults; unknown keys are logged as a
     * warning.
     *
     * @throws IllegalArgumentException naming the key when the config is not a prompt-tuning config, a value is wrong,
     *                                  or it prompts an encoder-decoder model
     */
    public static Loaded read(Map<String, Object> config, Config reference, Logger logger) {
        Object peftType = config.get("peft_type");
        if (peftType == null) {
            throw new IllegalArgumentException("adapter_config.json has no peft_type; a soft prompt declares \"peft_type\": \""
                    + PEFT_TYPE + "\"");
        }
        if (!PEFT_TYPE.equals(peftType)) {
            throw new IllegalArgumentException("adapter_config.json declares peft_type \"" + peftType
                    + "\" but the prompt-tuning method reads \"" + PEFT_TYPE + "\" adapters; load it with the method for "
                    + peftType);
        }
        Object submodules = config.get("num_transformer_submodules");
        if (submodules != null && !(submodules instanceof Number n && n.intValue() == 1)) {
            throw new IllegalArgumentException("adapter_config.json: num_transformer_submodules = " + submodules
                    + " prompts an encoder-decoder model; peft4j's models (GPT-2, BERT, LLaMA) take 1");
        }
        PromptTuningSettings defaults = PromptTuningSettings.fromConfig(reference);
        try {
            AdapterConfigValues values = new AdapterConfigValues(config);
            String initName = values.string("prompt_tuning_init", null);
            PromptInit init = initName == null ? defaults.init() : initFrom(initName);
            String text = values.string("prompt_tuning_init_text", defaults.initText());
            int tokens = values.integer("num_virtual_tokens", defaults.numVirtualTokens());
            PromptTuningSettings settings = new PromptTuningSettings(tokens, init, text, defaults.randomStd());
            Set<String> unknown = new TreeSet<>(config.keySet());
            unknown.removeAll(HOST_KEYS);
            unknown.removeAll(IRRELEVANT_KEYS);
            unknown.removeAll(KEYS);
            if (!unknown.isEmpty()) {
                logger.warn("adapter_config.json: keys unknown to the prompt-tuning method were ignored: {}", unknown);
            }
            return new Loaded(settings, config.get("token_dim") == null ? null : values.integer("token_dim", 0));
        } catch (PromptTuningSettings.InvalidSetting e) {
            throw new IllegalArgumentException("adapter_config.json: " + peftKey(e.key()) + " " + e.getMessage(), e);
        }
    }

    private static PromptInit initFrom(String value) {
        try {
            return PromptInit.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("adapter_config.json: prompt_tuning_init must be RANDOM, TEXT or "
                    + "SAMPLE_VOCAB, got \"" + value + "\"", e);
        }
    }

    private static String peftKey(String settingKey) {
        return switch (settingKey) {
            case "init" -> "prompt_tuning_init";
            case "init-text" -> "prompt_tuning_init_text";
            default -> settingKey.replace('-', '_');
        };
    }
}
