package dev.peft4j.plugins.augmentation.charnoise;

import com.typesafe.config.Config;
import dev.peft4j.plugins.augmentation.SettingsReader;
import dev.peft4j.spi.PluginContext;
import dev.peft4j.spi.data.Augmenter;
import dev.peft4j.spi.data.AugmenterFactory;
import org.pf4j.Extension;

/** {@code char-noise}: keyboard typos; settings at {@code data.augment.char-noise}. */
@Extension
public final class CharNoiseFactory implements AugmenterFactory {

    public static final String NAME = "char-noise";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Augmenter create(Config settings, PluginContext context) {
        return new CharNoiseAugmenter(SettingsReader.read(settings, settingsPath(), CharNoiseSettings::from));
    }
}
