package dev.peft4j.plugins.augmentation;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.MalformedURLException;
import java.net.URISyntaxException;

/** This plugin's own reference.conf (not another module's on the test class path). */
public final class PluginDefaults {

    private PluginDefaults() {
    }

    public static Config referenceConf() {
        try {
            return ConfigFactory.parseURL(AugmentationPlugin.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI().resolve("reference.conf").toURL());
        } catch (URISyntaxException | MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The defaults of one augmenter, as the host hands them to its factory. */
    public static Config of(String settingsPath) {
        return referenceConf().getConfig(SettingsReader.BLOCK + "." + settingsPath);
    }
}
