package dev.peft4j.plugins.lora.settings;

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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class PeftLoraConfigTest {

    private static final Config REFERENCE = LoraSettings.reference();

    private final Logger logger = mock(Logger.class);

    /** The adapter_config.json PEFT 0.19.1 writes for a LLaMA LoRA (every key it knows). */
    private static Map<String, Object> peft019() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("alora_invocation_tokens", null);
        config.put("alpha_pattern", Map.of());
        config.put("arrow_config", null);
        config.put("auto_mapping", null);
        config.put("base_model_name_or_path", "meta-llama/Llama-3.1-8B");
        config.put("bias", "none");
        config.put("corda_config", null);
        config.put("ensure_weight_tying", false);
        config.put("eva_config", null);
        config.put("exclude_modules", null);
        config.put("fan_in_fan_out", false);
        config.put("inference_mode", true);
        config.put("init_lora_weights", true);
        config.put("layer_replication", null);
        config.put("layers_pattern", null);
        config.put("layers_to_transform", null);
        config.put("loftq_config", Map.of());
        config.put("lora_alpha", 64);
        config.put("lora_bias", false);
        config.put("lora_dropout", 0.05);
        config.put("lora_ga_config", null);
        config.put("megatron_config", null);
        config.put("megatron_core", "megatron.core");
        config.put("modules_to_save", null);
        config.put("peft_type", "LORA");
        config.put("peft_version", "0.19.1");
        config.put("qalora_group_size", 16);
        config.put("r", 32);
        config.put("rank_pattern", Map.of());
        config.put("revision", null);
        config.put("target_modules", List.of("q_proj", "v_proj", "o_proj", "k_proj"));
        config.put("target_parameters", null);
        config.put("task_type", "CAUSAL_LM");
        config.put("trainable_token_indices", null);
        config.put("use_bdlora", null);
        config.put("use_dora", false);
        config.put("use_qalora", false);
        config.put("use_rslora", false);
        return config;
    }

    @Test
    void readsAConfigWrittenByPeftWithoutWarnings() {
        LoraSettings settings = PeftLoraConfig.read(peft019(), REFERENCE, logger);

        assertThat(settings.r()).isEqualTo(32);
        assertThat(settings.alpha()).isEqualTo(64.0);
        assertThat(settings.dropout()).isEqualTo(0.05);
        assertThat(settings.targetModules())
                .isEqualTo(new TargetModules.Names(List.of("q_proj", "v_proj", "o_proj", "k_proj")));
        assertThat(settings.bias()).isEqualTo(LoraBias.NONE);
        assertThat(settings.init()).isEqualTo(LoraInit.KAIMING_UNIFORM);
        verify(logger, never()).warn(anyString(), any(Object.class));
        verify(logger, never()).warn(anyString(), any(Object.class), any(Object.class));
    }

    @Test
    void unknownKeysAreWarnedAboutByNameNotRefused() {
        Map<String, Object> config = peft019();
        config.put("lora_future_knob", 3);
        config.put("another_new_key", "x");

        LoraSettings settings = PeftLoraConfig.read(config, REFERENCE, logger);

        assertThat(settings.r()).isEqualTo(32);
        verify(logger).warn(contains("keys unknown to the lora method"), eq(new java.util.TreeSet<>(
                Set.of("another_new_key", "lora_future_knob"))));
    }

    @Test
    void absentKeysTakeTheDefaultsOfAnOlderPeft() {
        Map<String, Object> config = new HashMap<>(Map.of("peft_type", "LORA", "r", 4, "lora_alpha", 16,
                "target_modules", List.of("c_attn")));

        LoraSettings settings = PeftLoraConfig.read(config, REFERENCE, logger);

        assertThat(settings.r()).isEqualTo(4);
        assertThat(settings.useDora()).isFalse();
        assertThat(settings.useRslora()).isFalse();
        assertThat(settings.dropout()).isZero();
        assertThat(settings.bias()).isEqualTo(LoraBias.NONE);
    }

    @Test
    void targetModulesMayBeARegexStringAndLayersASingleInteger() {
        Map<String, Object> regex = peft019();
        regex.put("target_modules", ".*\\.(q|v)_proj");
        Map<String, Object> oneLayer = peft019();
        oneLayer.put("layers_to_transform", 3);

        assertThat(PeftLoraConfig.read(regex, REFERENCE, logger).targetModules())
                .isEqualTo(new TargetModules.Regex(".*\\.(q|v)_proj"));
        assertThat(PeftLoraConfig.read(oneLayer, REFERENCE, logger).layersToTransform()).containsExactly(3);
    }

    @Test
    void patternsKeepTheFileOrderAsPeftDoes() {
        Map<String, Object> config = peft019();
        Map<String, Object> ranks = new LinkedHashMap<>();
        ranks.put("q_proj", 4);
        ranks.put("layers.0.self_attn.q_proj", 16);
        config.put("rank_pattern", ranks);

        LoraSettings settings = PeftLoraConfig.read(config, REFERENCE, logger);

        assertThat(settings.rankPattern().keySet()).containsExactly("q_proj", "layers.0.self_attn.q_proj");
        assertThat(settings.rankOf("model.layers.0.self_attn.q_proj")).isEqualTo(4);
    }

    @Test
    void aMissingOrForeignPeftTypeIsAClearError() {
        Map<String, Object> missing = peft019();
        missing.remove("peft_type");
        Map<String, Object> foreign = peft019();
        foreign.put("peft_type", "IA3");

        assertThatThrownBy(() -> PeftLoraConfig.read(missing, REFERENCE, logger))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no peft_type");
        assertThatThrownBy(() -> PeftLoraConfig.read(foreign, REFERENCE, logger))
                .hasMessageContaining("peft_type \"IA3\"")
                .hasMessageContaining("reads \"LORA\"");
    }

    @Test
    void featuresPeft4jLacksAreRefusedByName() {
        Map<String, Object> loraBias = peft019();
        loraBias.put("lora_bias", true);
        Map<String, Object> replication = peft019();
        replication.put("layer_replication", List.of(List.of(0, 4), List.of(2, 5)));
        Map<String, Object> pissa = peft019();
        pissa.put("init_lora_weights", "pissa_niter_4");

        assertThatThrownBy(() -> PeftLoraConfig.read(loraBias, REFERENCE, logger)).hasMessageContaining("lora_bias = true");
        assertThatThrownBy(() -> PeftLoraConfig.read(replication, REFERENCE, logger))
                .hasMessageContaining("layer_replication");
        assertThatThrownBy(() -> PeftLoraConfig.read(pissa, REFERENCE, logger))
                .hasMessageContaining("changes the base weights");
    }

    @Test
    void anInitPeft4jDoesNotKnowIsOnlyAWarning() {
        Map<String, Object> config = peft019();
        config.put("init_lora_weights", "eva");

        assertThat(PeftLoraConfig.read(config, REFERENCE, logger).init()).isEqualTo(LoraInit.KAIMING_UNIFORM);
        verify(logger).warn(contains("not a peft4j initialisation"), eq("eva"));
    }

    @Test
    void wrongTypesAndValuesNameTheJsonKey() {
        Map<String, Object> textRank = peft019();
        textRank.put("r", "16");
        Map<String, Object> zeroRank = peft019();
        zeroRank.put("r", 0);
        Map<String, Object> fractionalRank = peft019();
        fractionalRank.put("r", 8.5);
        Map<String, Object> badAlpha = peft019();
        badAlpha.put("lora_alpha", -1);

        assertThatThrownBy(() -> PeftLoraConfig.read(textRank, REFERENCE, logger))
                .hasMessage("adapter_config.json: r must be an integer, got \"16\"");
        assertThatThrownBy(() -> PeftLoraConfig.read(zeroRank, REFERENCE, logger))
                .hasMessageContaining("adapter_config.json: r must be an integer >= 1");
        assertThatThrownBy(() -> PeftLoraConfig.read(fractionalRank, REFERENCE, logger))
                .hasMessageContaining("r must be an integer, got 8.5");
        assertThatThrownBy(() -> PeftLoraConfig.read(badAlpha, REFERENCE, logger))
                .hasMessageContaining("adapter_config.json: lora_alpha must be");
    }

    @Test
    void writesPeftKeysWithPeftSpellings() {
        LoraSettings settings = new LoraSettings(16, 32, 0.1, new TargetModules.Names(List.of("c_attn")),
                new TargetModules.Names(List.of()), List.of(0, 1), Map.of("c_attn", 4), Map.of("c_attn", 2.5),
                LoraBias.LORA_ONLY, true, true, LoraInit.GAUSSIAN, List.of("score"));

        Map<String, Object> config = PeftLoraConfig.write(settings, List.of("c_attn"), true);

        assertThat(config).containsEntry("peft_type", "LORA")
                .containsEntry("r", 16)
                .containsEntry("lora_alpha", 32)
                .containsEntry("lora_dropout", 0.1)
                .containsEntry("target_modules", List.of("c_attn"))
                .containsEntry("exclude_modules", null)
                .containsEntry("layers_to_transform", List.of(0, 1))
                .containsEntry("rank_pattern", Map.of("c_attn", 4))
                .containsEntry("alpha_pattern", Map.of("c_attn", 2.5))
                .containsEntry("bias", "lora_only")
                .containsEntry("use_rslora", true)
                .containsEntry("use_dora", true)
                .containsEntry("lora_bias", false)
                .containsEntry("fan_in_fan_out", true)
                .containsEntry("init_lora_weights", "gaussian")
                .containsEntry("modules_to_save", List.of("score"));
    }

    @Test
    void whatIsWrittenReadsBackToTheSameSettings() {
        LoraSettings settings = new LoraSettings(4, 12.5, 0.0, new TargetModules.Regex(".*c_(attn|proj)"),
                new TargetModules.Names(List.of("h.0.attn.c_proj")), List.of(), Map.of("c_attn", 2), Map.of(),
                LoraBias.ALL, false, true, LoraInit.KAIMING_UNIFORM, List.of());

        Map<String, Object> written = new LinkedHashMap<>(PeftLoraConfig.write(settings, ".*c_(attn|proj)", false));
        written.put("peft4j_version", "0.1.0-SNAPSHOT");

        assertThat(PeftLoraConfig.read(written, REFERENCE, logger)).isEqualTo(settings);
        verify(logger, never()).warn(anyString(), any(Object.class));
    }
}
