package dev.peft4j.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginSettingsTest {

    @Test
    void defaultIsThePluginsFolderOfTheInstallation() {
        var config = ConfigFactory.parseMap(Map.of("peft4j.home", "/opt/peft4j"))
                .withFallback(ConfigFactory.defaultReference());

        assertThat(PluginSettings.from(config).dir()).isEqualTo(Path.of("/opt/peft4j/plugins"));
    }

    @Test
    void absoluteFolderIsTakenAsItIs() {
        var config = ConfigFactory.parseMap(Map.of("peft4j.plugins.dir", "/srv/extra-plugins"))
                .withFallback(ConfigFactory.defaultReference());

        assertThat(PluginSettings.from(config).dir()).isEqualTo(Path.of("/srv/extra-plugins"));
    }

    @Test
    void relativeFolderIsRefusedByTheRecordItself() {
        assertThatThrownBy(() -> new PluginSettings(Path.of("plugins")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("absolute");
    }
}
