package dev.peft4j.plugins.augmentation.swap;

import com.typesafe.config.Config;
import dev.peft4j.plugins.augmentation.SettingsReader;
import dev.peft4j.spi.PluginContext;
import dev.peft4j.spi.data.Augmenter;
import dev.peft4j.spi.data.AugmenterFactory;
import org.pf4j.Extension;

/** {@code random-swap}: EDA's RS; settings at {@code data.augment.random-swap}. */
@Extension
public final class RandomSwapFactory implements AugmenterFactory {

    public static final String NAME = "random-swap";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Augmenter create(Config settings, PluginContext context) {
        return new RandomSwapAugmenter(SettingsReader.read(settings, settingsPath(), RandomSwapSettings::from));
    }
}
