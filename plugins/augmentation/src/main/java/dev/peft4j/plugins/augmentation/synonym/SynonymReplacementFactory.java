package dev.peft4j.plugins.augmentation.synonym;

import com.typesafe.config.Config;
import dev.peft4j.plugins.augmentation.SettingsReader;
import dev.peft4j.plugins.augmentation.text.StopWords;
import dev.peft4j.plugins.augmentation.wordnet.WordNetThesaurus;
import dev.peft4j.spi.PluginContext;
import dev.peft4j.spi.data.Augmenter;
import dev.peft4j.spi.data.AugmenterFactory;
import org.pf4j.Extension;

/**
 * {@code synonym-replacement}: EDA's SR with WordNet synonyms; settings at
 * {@code data.augment.synonym-replacement}.
 */
@Extension
public final class SynonymReplacementFactory implements AugmenterFactory {

    public static final String NAME = "synonym-replacement";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Augmenter create(Config settings, PluginContext context) {
        SynonymReplacementSettings own =
                SettingsReader.read(settings, settingsPath(), SynonymReplacementSettings::from);
        return new SynonymReplacementAugmenter(own, WordNetThesaurus.shared(context.logger()), StopWords.english());
    }
}
