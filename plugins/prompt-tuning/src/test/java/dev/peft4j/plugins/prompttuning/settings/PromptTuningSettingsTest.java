package dev.peft4j.plugins.prompttuning.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import org.junit.jupiter.api.Test;

class PromptTuningSettingsTest {

    private static PromptTuningSettings read(String pipeline) {
        return PromptTuningSettings.fromConfig(ConfigFactory.parseString(pipeline,
                ConfigParseOptions.defaults().setOriginDescription("pipeline.conf"))
                .withFallback(PromptTuningSettings.reference()));
    }

    @Test
    void defaultsAreTwentyRandomTokensAsPeft() {
        assertThat(read("")).isEqualTo(new PromptTuningSettings(20, PromptInit.RANDOM, "", 1.0));
    }

    @Test
    void everyKeyIsRead() {
        assertThat(read("num-virtual-tokens = 8, init = text, init-text = \"Classify this:\", random-std = 0.02"))
                .isEqualTo(new PromptTuningSettings(8, PromptInit.TEXT, "Classify this:", 0.02));
        assertThat(read("init = sample-vocab").init()).isEqualTo(PromptInit.SAMPLE_VOCAB);
    }

    @Test
    void badValuesNameTheFileLineAndKey() {
        assertThatThrownBy(() -> read("\nnum-virtual-tokens = 0"))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("pipeline.conf: 2")
                .hasMessageContaining("method.prompt-tuning.num-virtual-tokens");
        assertThatThrownBy(() -> read("init = text"))
                .hasMessageContaining("method.prompt-tuning.init-text")
                .hasMessageContaining("when init = text");
        assertThatThrownBy(() -> read("init = words"))
                .hasMessageContaining("method.prompt-tuning.init")
                .hasMessageContaining("random, text, sample-vocab");
        assertThatThrownBy(() -> read("random-std = 0")).hasMessageContaining("method.prompt-tuning.random-std");
    }
}
