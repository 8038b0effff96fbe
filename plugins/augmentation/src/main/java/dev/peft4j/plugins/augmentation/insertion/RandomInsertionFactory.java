package dev.peft4j.plugins.augmentation.insertion;

import com.typesafe.config.Config;
import dev.peft4j.plugins.augmentation.SettingsReader;
import dev.peft4j.plugins.augmentation.text.StopWords;
import dev.peft4j.plugins.augmentation.wordnet.WordNetThesaurus;
import dev.peft4j.spi.PluginContext;
import dev.peft4j.spi.data.Augmenter;
import dev.peft4j.spi.data.AugmenterFactory;
import org.pf4j.Extension;

/** {@code random-insertion}: EDA's RI with WordNet synonyms; settings at {@code data.augment.random-insertion}. */
@Extension
public final class RandomInsertionFactory implements AugmenterFactory {

    public static final String NAME = "random-insertion";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Augmenter create(Config settings, PluginContext context) {
        RandomInsertionSettings own = SettingsReader.read(settings, settingsPath(), RandomInsertionSettings::from);
        return new RandomInsertionAugmenter(own, WordNetThesaurus.shared(context.logger()), StopWords.english());
    }
}
