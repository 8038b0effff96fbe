package dev.peft4j.plugins.augmentation.synonym;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peft4j.plugins.augmentation.Sst2Sentences;
import dev.peft4j.plugins.augmentation.text.StopWords;
import dev.peft4j.plugins.augmentation.text.Tokens;
import dev.peft4j.plugins.augmentation.wordnet.WordNetThesaurus;
import dev.peft4j.spi.data.Example;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SynonymReplacementAugmenterTest {

    private final WordNetThesaurus wordNet = WordNetThesaurus.shared(LoggerFactory.getLogger(getClass()));
    private final StopWords stopWords = StopWords.english();

    private SynonymReplacementAugmenter augmenter(double alpha, boolean matchInflections) {
        return new SynonymReplacementAugmenter(new SynonymReplacementSettings(alpha, matchInflections), wordNet,
                stopWords);
    }

    @Test
    void replacesGoodByOneOfItsWordNetSynonyms() {
        List<Example> variants = augmenter(0.1, false).augment(new Example("x", "good", null, "1"), 20,
                new SplittableRandom(3));

        assertThat(variants).hasSize(20);
        assertThat(variants).extracting(Example::text).doesNotHaveDuplicates()
                .allSatisfy(text -> assertThat(wordNet.synonyms("good", false)).contains(text));
    }

    @Test
    void everyReplacedWordOfARealSentenceIsANonStopWordAndItsSynonymTakesItsPlace() {
        for (Example sentence : Sst2Sentences.dev(150)) {
            for (Example variant : augmenter(0.1, false).augment(sentence, 2, new SplittableRandom(11))) {
                List<String> removed = minus(Tokens.split(sentence.text()), Tokens.split(variant.text()));
                assertThat(removed).as("words replaced in '%s'", variant.text()).isNotEmpty();
                for (String word : removed) {
                    assertThat(stopWords.contains(Tokens.core(word))).as("stop word '%s' replaced", word).isFalse();
                    assertThat(wordNet.synonyms(Tokens.core(word), false))
                            .as("synonyms of '%s' in '%s'", word, variant.text())
                            .anySatisfy(synonym -> assertThat(variant.text()).containsPattern(
                                    "(^| )" + Pattern.quote(synonym) + "( |$|[,.;:!?])"));
                }
            }
        }
    }

    @Test
    void replacesAtLeastAlphaTimesTheWordCountOfDistinctWords() {
        Example sentence = new Example("x", "brilliant actors deliver clever dialogue in a splendid historical drama"
                + " about courage , loyalty and betrayal", null, "1");
        // 15 words at alpha 0.25: max(1, floor(3.75)) = 3 distinct words replaced (10 of them have synonyms).
        for (Example variant : augmenter(0.25, false).augment(sentence, 5, new SplittableRandom(5))) {
            assertThat(minus(Tokens.split(sentence.text()), Tokens.split(variant.text()))).hasSize(3);
        }
    }

    @Test
    void neverReplacesStopWordsEvenWhenAllowedToReplaceEveryWord() {
        Example sentence = new Example("x", "it was not so very good , just more of the same film once again", null,
                "0");
        List<String> original = Tokens.split(sentence.text());
        List<Example> variants = augmenter(1.0, false).augment(sentence, 10, new SplittableRandom(9));

        assertThat(variants).isNotEmpty();
        for (Example variant : variants) {
            List<String> removed = minus(original, Tokens.split(variant.text()));
            assertThat(removed).as(variant.text()).containsExactlyInAnyOrder("good", "film");
        }
    }

    @Test
    void keepsTheReplacedWordsCaseAndAttachedPunctuation() {
        Example sentence = new Example("x", "Good, (solid) film.", null, "1");
        for (Example variant : augmenter(1.0, false).augment(sentence, 10, new SplittableRandom(2))) {
            assertThat(variant.text()).matches("[A-Z][a-z' -]*, \\([a-z' -]+\\) [a-z' -]+\\.");
        }
    }

    @Test
    void replacesEveryOccurrenceOfTheChosenWord() {
        Example sentence = new Example("x", "film after film after film", null, "1");
        Pattern sameWordThrice = Pattern.compile("(.+) after \\1 after \\1");
        for (Example variant : augmenter(0.1, false).augment(sentence, 5, new SplittableRandom(4))) {
            var matcher = sameWordThrice.matcher(variant.text());
            assertThat(matcher.matches()).as(variant.text()).isTrue();
            assertThat(wordNet.synonyms("film", false)).contains(matcher.group(1));
        }
    }

    @Test
    void inflectedWordsAreReplacedOnlyWhenMatchInflectionsIsOn() {
        Example sentence = new Example("x", "movies .", null, "1");

        assertThat(augmenter(0.1, false).augment(sentence, 3, new SplittableRandom(1))).isEmpty();
        assertThat(augmenter(0.1, true).augment(sentence, 3, new SplittableRandom(1)))
                .hasSize(3)
                .allSatisfy(variant -> assertThat(wordNet.synonyms("movie", false))
                        .contains(variant.text().substring(0, variant.text().length() - 2)));
    }

    @Test
    void aTextWithoutReplaceableWordsGivesNoAugmentation() {
        assertThat(augmenter(0.5, false).augment(new Example("x", "it is what it is .", null, "0"), 3,
                new SplittableRandom(1))).isEmpty();
        assertThat(augmenter(0.5, false).augment(new Example("x", "", null, "0"), 3, new SplittableRandom(1)))
                .isEmpty();
    }

    /** The tokens of {@code original} missing from {@code variant}, counted with multiplicity. */
    static List<String> minus(List<String> original, List<String> variant) {
        Map<String, Integer> left = new HashMap<>();
        variant.forEach(token -> left.merge(token, 1, Integer::sum));
        List<String> missing = new ArrayList<>();
        for (String token : original) {
            if (left.getOrDefault(token, 0) > 0) {
                left.merge(token, -1, Integer::sum);
            } else {
                missing.add(token);
            }
        }
        return missing;
    }
}
