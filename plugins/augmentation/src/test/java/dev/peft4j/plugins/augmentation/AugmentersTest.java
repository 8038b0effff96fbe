package dev.peft4j.plugins.augmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peft4j.core.plugin.HostPluginContext;
import dev.peft4j.plugins.augmentation.charnoise.CharNoiseFactory;
import dev.peft4j.plugins.augmentation.deletion.RandomDeletionFactory;
import dev.peft4j.plugins.augmentation.insertion.RandomInsertionFactory;
import dev.peft4j.plugins.augmentation.swap.RandomSwapFactory;
import dev.peft4j.plugins.augmentation.synonym.SynonymReplacementFactory;
import dev.peft4j.spi.data.Augmenter;
import dev.peft4j.spi.data.AugmenterFactory;
import dev.peft4j.spi.data.Example;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every augmenter of this plugin promises, each built by its factory from reference.conf defaults. */
class AugmentersTest {

    private static final List<Example> SENTENCES = Sst2Sentences.dev(120);

    static Stream<AugmenterFactory> factories() {
        return Stream.of(new SynonymReplacementFactory(), new RandomInsertionFactory(), new RandomSwapFactory(),
                new RandomDeletionFactory(), new CharNoiseFactory());
    }

    private static Augmenter create(AugmenterFactory factory) {
        return factory.create(PluginDefaults.of(factory.settingsPath()), new HostPluginContext("augmentation", 1, Path.of("target")));
    }

    private static List<Example> augmentAll(Augmenter augmenter, List<Example> examples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Example> all = new ArrayList<>();
        examples.forEach(example -> all.addAll(augmenter.augment(example, 3, random)));
        return all;
    }

    @ParameterizedTest
    @MethodSource("factories")
    void theSameSeedGivesTheSameAugmentationsAndAnotherSeedOthers(AugmenterFactory factory) {
        Augmenter augmenter = create(factory);

        List<Example> first = augmentAll(augmenter, SENTENCES, 42);
        List<Example> again = augmentAll(create(factory), SENTENCES, 42);
        List<Example> otherSeed = augmentAll(augmenter, SENTENCES, 43);

        assertThat(first).hasSizeGreaterThan(SENTENCES.size() * 2);
        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @ParameterizedTest
    @MethodSource("factories")
    void keepsLabelAndPairDerivesIdsAndNeverReturnsTheOriginal(AugmenterFactory factory) {
        Augmenter augmenter = create(factory);
        SplittableRandom random = new SplittableRandom(7);
        for (Example sentence : SENTENCES) {
            Example pair = new Example(sentence.id(), sentence.text(), "a second sentence stays as it is .",
                    sentence.label());
            List<Example> variants = augmenter.augment(pair, 3, random);
            assertThat(variants).hasSizeLessThanOrEqualTo(3).allSatisfy(variant -> {
                assertThat(variant.text()).isNotEqualTo(pair.text()).isNotBlank();
                assertThat(variant.textPair()).isEqualTo(pair.textPair());
                assertThat(variant.label()).isEqualTo(pair.label());
                assertThat(variant.id()).startsWith(pair.id() + "#" + factory.name() + "-");
            });
            assertThat(variants).extracting(Example::id).doesNotHaveDuplicates();
            assertThat(variants).extracting(Example::text).doesNotHaveDuplicates();
        }
    }

    @ParameterizedTest
    @MethodSource("factories")
    void aCountOfZeroGivesNothingAndANegativeCountIsRefused(AugmenterFactory factory) {
        Augmenter augmenter = create(factory);
        Example sentence = SENTENCES.get(0);

        assertThat(augmenter.augment(sentence, 0, new SplittableRandom(1))).isEmpty();
        assertThatThrownBy(() -> augmenter.augment(sentence, -2, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(factory.name())
                .hasMessageContaining("-2");
    }
}
