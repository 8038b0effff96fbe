package dev.peft4j.plugins.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.peft4j.core.plugin.HostPluginContext;
import dev.peft4j.plugins.adapter.settings.AdapterSettings;
import dev.peft4j.spi.method.TuningMethod;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class AdapterMethodFactoryTest {

    private final AdapterMethodFactory factory = new AdapterMethodFactory();
    private final HostPluginContext context = new HostPluginContext("adapter", 1, Path.of("target"));

    @Test
    void isNamedAdapterWithItsOwnPeftType() {
        assertThat(factory.name()).isEqualTo("adapter");
        assertThat(factory.settingsPath()).isEqualTo("adapter");
        assertThat(factory.peftType()).isEqualTo("BOTTLENECK_ADAPTER");
    }

    @Test
    void rebuildsTheSameSettingsFromTheConfigItWrote() {
        TuningMethod created = factory.create(ConfigFactory.parseString("config = houlsby, scaling = learned")
                .withFallback(AdapterSettings.reference()), context);

        TuningMethod loaded = factory.fromAdapterConfig(created.adapterConfig(), context);

        assertThat(((AdapterMethod) loaded).settings()).isEqualTo(((AdapterMethod) created).settings());
    }

    @Test
    void theExtensionIndexListsTheFactoryForPf4j() throws IOException {
        StringBuilder indexes = new StringBuilder();
        for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/extensions.idx"))) {
            try (InputStream index = url.openStream()) {
                indexes.append(new String(index.readAllBytes(), StandardCharsets.UTF_8));
            }
        }

        assertThat(indexes.toString()).contains(AdapterMethodFactory.class.getName());
    }
}
