package dev.peft4j.plugins.prompttuning;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.peft4j.core.plugin.HostPluginContext;
import dev.peft4j.plugins.prompttuning.settings.PromptTuningSettings;
import dev.peft4j.spi.method.TuningMethod;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class PromptTuningMethodFactoryTest {

    private final PromptTuningMethodFactory factory = new PromptTuningMethodFactory();
    private final HostPluginContext context = new HostPluginContext("prompt-tuning", 1, Path.of("target"));

    @Test
    void isNamedPromptTuningAndReadsPeftsPromptTuningType() {
        assertThat(factory.name()).isEqualTo("prompt-tuning");
        assertThat(factory.settingsPath()).isEqualTo("prompt-tuning");
        assertThat(factory.peftType()).isEqualTo("PROMPT_TUNING");
    }

    @Test
    void rebuildsTheSameSettingsFromTheConfigItWrote() {
        TuningMethod created = factory.create(ConfigFactory.parseString("num-virtual-tokens = 7, init = text, "
                + "init-text = \"Is this spam?\"").withFallback(PromptTuningSettings.reference()), context);

        TuningMethod loaded = factory.fromAdapterConfig(created.adapterConfig(), context);

        assertThat(((PromptTuningMethod) loaded).settings()).isEqualTo(((PromptTuningMethod) created).settings());
    }

    @Test
    void theExtensionIndexListsTheFactoryForPf4j() throws IOException {
        StringBuilder indexes = new StringBuilder();
        for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
            try (InputStream index = url.openStream()) {
                indexes.append(new String(index.readAllBytes(), StandardCharsets.UTF_8));
            }
        }

        assertThat(indexes.toString()).contains(PromptTuningMethodFactory.class.getName());
    }
}
