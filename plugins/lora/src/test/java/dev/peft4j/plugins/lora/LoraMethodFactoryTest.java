package dev.peft4j.plugins.lora;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.peft4j.core.plugin.HostPluginContext;
import dev.peft4j.plugins.lora.settings.LoraSettings;
import dev.peft4j.spi.method.TuningMethod;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoraMethodFactoryTest {

    private final LoraMethodFactory factory = new LoraMethodFactory();
    private final HostPluginContext context = new HostPluginContext("lora", 1, Path.of("target"));

    @Test
    void isNamedLoraAndReadsAndWritesPeftsLoraType() {
        assertThat(factory.name()).isEqualTo("lora");
        assertThat(factory.settingsPath()).isEqualTo("lora");
        assertThat(factory.peftType()).isEqualTo("LORA");
    }

    @Test
    void createsAMethodFromItsSettingsBlock() {
        TuningMethod method = factory.create(
                ConfigFactory.parseString("r = 16, use-dora = true").withFallback(LoraSettings.reference()), context);

        assertThat(((LoraMethod) method).settings().r()).isEqualTo(16);
        assertThat(((LoraMethod) method).settings().useDora()).isTrue();
    }

    @Test
    void rebuildsTheSameSettingsFromTheConfigItWrote() {
        TuningMethod created = factory.create(ConfigFactory.parseString(
                "r = 4, alpha = 8, target-modules = [q_proj, v_proj], bias = all, rank-pattern { q_proj = 2 }")
                .withFallback(LoraSettings.reference()), context);
        Map<String, Object> saved = new LinkedHashMap<>(created.adapterConfig());
        saved.put("task_type", "SEQ_CLS");
        saved.put("base_model_name_or_path", "/models/llama");
        saved.put("inference_mode", true);

        TuningMethod loaded = factory.fromAdapterConfig(saved, context);

        assertThat(((LoraMethod) loaded).settings()).isEqualTo(((LoraMethod) created).settings());
    }

    @Test
    void theExtensionIndexListsTheFactoryForPf4j() throws IOException {
        StringBuilder indexes = new StringBuilder();
        for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
            try (InputStream index = url.openStream()) {
                indexes.append(new String(index.readAllBytes(), StandardCharsets.UTF_8));
            }
        }

        assertThat(indexes.toString()).contains(LoraMethodFactory.class.getName());
    }
}
