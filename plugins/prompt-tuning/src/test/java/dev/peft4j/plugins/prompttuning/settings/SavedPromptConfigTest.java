package dev.peft4j.plugins.prompttuning.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.typesafe.config.Config;
import dev.peft4j.spi.method.ModelSpec;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class SavedPromptConfigTest {

    private static final Config REFERENCE = PromptTuningSettings.reference();
    private static final ModelSpec GPT2 = new ModelSpec("gpt2", 12, 768, 12, 3072, 50257);

    private final Logger logger = mock(Logger.class);

    /** What PEFT writes for PromptTuningConfig(task_type="CAUSAL_LM", prompt_tuning_init="TEXT", ...) on GPT-2. */
    private static Map<String, Object> peft() {
        Map<String, Object> config = new HashMap<>();
        config.put("auto_mapping", null);
        config.put("base_model_name_or_path", "gpt2");
        config.put("inference_mode", true);
        config.put("num_attention_heads", 12);
        config.put("num_layers", 12);
        config.put("num_transformer_submodules", 1);
        config.put("num_virtual_tokens", 8);
        config.put("peft_type", "PROMPT_TUNING");
        config.put("peft_version", "0.17.1");
        config.put("prompt_tuning_init", "TEXT");
        config.put("prompt_tuning_init_text", "Classify if the tweet is a complaint or not:");
        config.put("revision", null);
        config.put("task_type", "CAUSAL_LM");
        config.put("token_dim", 768);
        config.put("tokenizer_kwargs", null);
        config.put("tokenizer_name_or_path", "gpt2");
        return config;
    }

    @Test
    void readsAConfigWrittenByPeftWithoutWarnings() {
        SavedPromptConfig.Loaded loaded = SavedPromptConfig.read(peft(), REFERENCE, logger);

        assertThat(loaded.settings().numVirtualTokens()).isEqualTo(8);
        assertThat(loaded.settings().init()).isEqualTo(PromptInit.TEXT);
        assertThat(loaded.settings().initText()).isEqualTo("Classify if the tweet is a complaint or not:");
        assertThat(loaded.tokenDim()).isEqualTo(768);
        verify(logger, never()).warn(anyString(), any(Object.class));
    }

    @Test
    void writesPeftKeysAndEnumNames() {
        Map<String, Object> text = SavedPromptConfig.write(new PromptTuningSettings(8, PromptInit.TEXT, "Hello", 1.0),
                GPT2, "/models/gpt2");
        Map<String, Object> sampled = SavedPromptConfig.write(
                new PromptTuningSettings(4, PromptInit.SAMPLE_VOCAB, "", 1.0), GPT2, "/models/gpt2");

        assertThat(text).containsEntry("peft_type", "PROMPT_TUNING").containsEntry("num_virtual_tokens", 8)
                .containsEntry("token_dim", 768).containsEntry("num_transformer_submodules", 1)
                .containsEntry("num_attention_heads", 12).containsEntry("num_layers", 12)
                .containsEntry("prompt_tuning_init", "TEXT").containsEntry("prompt_tuning_init_text", "Hello")
                .containsEntry("tokenizer_name_or_path", "/models/gpt2");
        assertThat(sampled).containsEntry("prompt_tuning_init", "SAMPLE_VOCAB")
                .containsEntry("prompt_tuning_init_text", null).containsEntry("tokenizer_name_or_path", null);
    }

    @Test
    void whatIsWrittenReadsBack() {
        PromptTuningSettings settings = new PromptTuningSettings(5, PromptInit.SAMPLE_VOCAB, "", 1.0);
        Map<String, Object> saved = new LinkedHashMap<>(SavedPromptConfig.write(settings, GPT2, null));
        saved.put("peft4j_version", "0.1.0-SNAPSHOT");

        SavedPromptConfig.Loaded loaded = SavedPromptConfig.read(saved, REFERENCE, logger);

        assertThat(loaded.settings()).isEqualTo(settings);
        assertThat(loaded.tokenDim()).isEqualTo(768);
    }

    @Test
    void unknownKeysAreWarnedAboutNotRefused() {
        Map<String, Object> config = peft();
        config.put("prompt_tuning_future", 1);

        SavedPromptConfig.read(config, REFERENCE, logger);

        verify(logger).warn(contains("keys unknown to the prompt-tuning method"),
                eq(new TreeSet<>(Set.of("prompt_tuning_future"))));
    }

    @Test
    void foreignTypesEncoderDecoderPromptsAndBadValuesAreRefused() {
        Map<String, Object> missing = peft();
        missing.remove("peft_type");
        Map<String, Object> lora = peft();
        lora.put("peft_type", "LORA");
        Map<String, Object> seq2seq = peft();
        seq2seq.put("num_transformer_submodules", 2);
        Map<String, Object> badInit = peft();
        badInit.put("prompt_tuning_init", "WORDS");
        Map<String, Object> badTokens = peft();
        badTokens.put("num_virtual_tokens", "8");

        assertThatThrownBy(() -> SavedPromptConfig.read(missing, REFERENCE, logger)).hasMessageContaining("no peft_type");
        assertThatThrownBy(() -> SavedPromptConfig.read(lora, REFERENCE, logger)).hasMessageContaining("\"LORA\"");
        assertThatThrownBy(() -> SavedPromptConfig.read(seq2seq, REFERENCE, logger))
                .hasMessageContaining("num_transformer_submodules = 2");
        assertThatThrownBy(() -> SavedPromptConfig.read(badInit, REFERENCE, logger))
                .hasMessageContaining("prompt_tuning_init must be RANDOM, TEXT or SAMPLE_VOCAB, got \"WORDS\"");
        assertThatThrownBy(() -> SavedPromptConfig.read(badTokens, REFERENCE, logger))
                .hasMessage("adapter_config.json: num_virtual_tokens must be an integer, got \"8\"");
    }
}
