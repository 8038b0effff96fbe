package dev.peft4j.plugins.augmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import dev.peft4j.core.plugin.HostPluginContext;
import dev.peft4j.plugins.augmentation.charnoise.CharNoiseFactory;
import dev.peft4j.plugins.augmentation.charnoise.CharNoiseSettings;
import dev.peft4j.plugins.augmentation.deletion.RandomDeletionFactory;
import dev.peft4j.plugins.augmentation.deletion.RandomDeletionSettings;
import dev.peft4j.plugins.augmentation.insertion.RandomInsertionSettings;
import dev.peft4j.plugins.augmentation.swap.RandomSwapFactory;
import dev.peft4j.plugins.augmentation.swap.RandomSwapSettings;
import dev.peft4j.plugins.augmentation.synonym.SynonymReplacementSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void theShippedDefaultsAreEdasRecommendations() {
        assertThat(SynonymReplacementSettings.from(PluginDefaults.of("synonym-replacement")))
                .isEqualTo(new SynonymReplacementSettings(0.1, false));
        assertThat(RandomInsertionSettings.from(PluginDefaults.of("random-insertion")))
                .isEqualTo(new RandomInsertionSettings(0.1, false));
        assertThat(RandomSwapSettings.from(PluginDefaults.of("random-swap"))).isEqualTo(new RandomSwapSettings(0.1));
        assertThat(RandomDeletionSettings.from(PluginDefaults.of("random-deletion")))
                .isEqualTo(new RandomDeletionSettings(0.1));
        assertThat(CharNoiseSettings.from(PluginDefaults.of("char-noise")))
                .isEqualTo(new CharNoiseSettings(0.02, 0.01, 0.01));
    }

    @Test
    void alphaOutsideZeroToOneIsRefusedWithItsMeaning() {
        assertThatThrownBy(() -> new SynonymReplacementSettings(0, false))
                .hasMessage("alpha must be in (0, 1], the fraction of a text's words replaced by a synonym, but is 0.0;"
                        + " EDA uses 0.1");
        assertThatThrownBy(() -> new RandomInsertionSettings(1.5, false))
                .hasMessageContaining("alpha must be in (0, 1]");
        assertThatThrownBy(() -> new RandomSwapSettings(Double.NaN)).hasMessageContaining("but is NaN");
    }

    @Test
    void deletionProbabilityMustLeaveSomethingToKeepAndToDelete() {
        assertThatThrownBy(() -> new RandomDeletionSettings(1))
                .hasMessage("p must be in (0, 1), the probability that each word is deleted, but is 1.0; EDA uses 0.1");
        assertThatThrownBy(() -> new RandomDeletionSettings(0)).hasMessageContaining("p must be in (0, 1)");
    }

    @Test
    void charNoiseRatesAreProbabilitiesWhoseSumIsAtMostOne() {
        assertThatThrownBy(() -> new CharNoiseSettings(-0.1, 0, 0.1))
                .hasMessage("substitute-rate must be a probability in [0, 1] but is -0.1");
        assertThatThrownBy(() -> new CharNoiseSettings(0.5, 0.4, 0.3))
                .hasMessageStartingWith("substitute-rate + drop-rate + duplicate-rate must be in (0, 1]")
                .hasMessageContaining("but is 1.2");
        assertThatThrownBy(() -> new CharNoiseSettings(0, 0, 0))
                .hasMessageContaining("raise one above 0");
    }

    @Test
    void aFactoryReportsARefusedValueWithFileLineAndKeyPath() {
        Config pipeline = ConfigFactory.parseString("""
                data.augment {
                  random-swap {
                    alpha = 3
                  }
                }
                """, ConfigParseOptions.defaults().setOriginDescription("pipeline.conf"));

        assertThatThrownBy(() -> new RandomSwapFactory().create(pipeline.getConfig("data.augment.random-swap"),
                new HostPluginContext("augmentation", 1, Path.of("target"))))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageStartingWith("pipeline.conf: 2:")
                .hasMessageContaining("'data.augment.random-swap'")
                .hasMessageContaining("alpha must be in (0, 1]")
                .hasMessageContaining("but is 3.0");
    }

    @Test
    void aMissingOrMistypedKeyIsTypesafeConfigsOwnError() {
        Config noP = ConfigFactory.parseString("other = 1");
        Config wordyP = ConfigFactory.parseString("p = lots", ConfigParseOptions.defaults()
                .setOriginDescription("pipeline.conf"));
        HostPluginContext context = new HostPluginContext("augmentation", 1, Path.of("target"));

        assertThatThrownBy(() -> new RandomDeletionFactory().create(noP, context))
                .isInstanceOf(ConfigException.Missing.class).hasMessageContaining("'p'");
        assertThatThrownBy(() -> new CharNoiseFactory().create(wordyP, context))
                .isInstanceOf(ConfigException.Missing.class).hasMessageContaining("substitute-rate");
        assertThatThrownBy(() -> new RandomDeletionFactory().create(wordyP, context))
                .isInstanceOf(ConfigException.WrongType.class)
                .hasMessageContaining("pipeline.conf: 1")
                .hasMessageContaining("p has type STRING rather than NUMBER");
    }
}
