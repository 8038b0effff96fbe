package dev.peft4j.plugins.augmentation.deletion;

import com.typesafe.config.Config;
import dev.peft4j.plugins.augmentation.SettingsReader;
import dev.peft4j.spi.PluginContext;
import dev.peft4j.spi.data.Augmenter;
import dev.peft4j.spi.data.AugmenterFactory;
import org.pf4j.Extension;

/** {@code random-deletion}: EDA's RD; settings at {@code data.augment.random-deletion}. */
@Extension
public final class RandomDeletionFactory implements AugmenterFactory {

    public static final String NAME = "random-deletion";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Augmenter create(Config settings, PluginContext context) {
        return new RandomDeletionAugmenter(SettingsReader.read(settings, settingsPath(), RandomDeletionSettings::from));
    }
}
