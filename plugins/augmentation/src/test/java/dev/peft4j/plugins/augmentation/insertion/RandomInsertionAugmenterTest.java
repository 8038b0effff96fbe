package dev.peft4j.plugins.augmentation.insertion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peft4j.plugins.augmentation.Sst2Sentences;
import dev.peft4j.plugins.augmentation.text.StopWords;
import dev.peft4j.plugins.augmentation.text.Tokens;
import dev.peft4j.plugins.augmentation.wordnet.WordNetThesaurus;
import dev.peft4j.spi.data.Example;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RandomInsertionAugmenterTest {

    private final WordNetThesaurus wordNet = WordNetThesaurus.shared(LoggerFactory.getLogger(getClass()));
    private final StopWords stopWords = StopWords.english();
    private final RandomInsertionAugmenter augmenter =
            new RandomInsertionAugmenter(new RandomInsertionSettings(0.1, false), wordNet, stopWords);

    @Test
    void keepsEveryOriginalWordInOrderAndInsertsOnlySynonymsOfItsNonStopWords() {
        for (Example sentence : Sst2Sentences.dev(150)) {
            List<String> original = Tokens.split(sentence.text());
            Set<String> allowed = synonymTokensOfNonStopWords(original);
            int insertions = Math.max(1, (int) (0.1 * Tokens.wordPositions(original).size()));
            for (Example variant : augmenter.augment(sentence, 2, new SplittableRandom(21))) {
                List<String> inserted = leftOverAfterSubsequence(original, Tokens.split(variant.text()));
                assertThat(inserted).as("tokens inserted into '%s'", variant.text())
                        .hasSizeGreaterThanOrEqualTo(insertions)
                        .allSatisfy(token -> assertThat(allowed).contains(token));
            }
        }
    }

    @Test
    void neverInsertsSynonymsOfStopWords() {
        Example sentence = new Example("x", "it is so very much not the film", null, "0");
        Set<String> filmSynonymTokens = new HashSet<>();
        wordNet.synonyms("film", false).forEach(synonym -> filmSynonymTokens.addAll(Tokens.split(synonym)));
        wordNet.synonyms("much", false).forEach(synonym -> filmSynonymTokens.addAll(Tokens.split(synonym)));

        List<Example> variants = augmenter.augment(sentence, 15, new SplittableRandom(8));

        assertThat(variants).hasSize(15).allSatisfy(variant -> assertThat(
                leftOverAfterSubsequence(Tokens.split(sentence.text()), Tokens.split(variant.text())))
                .isSubsetOf(filmSynonymTokens));
    }

    @Test
    void aTextOfStopWordsOnlyGivesNoAugmentation() {
        assertThat(augmenter.augment(new Example("x", "it is what it is", null, "0"), 3, new SplittableRandom(1)))
                .isEmpty();
    }

    private Set<String> synonymTokensOfNonStopWords(List<String> tokens) {
        Set<String> allowed = new HashSet<>();
        for (String token : tokens) {
            String word = Tokens.core(token).toLowerCase(Locale.ROOT);
            if (!stopWords.contains(word)) {
                wordNet.synonyms(word, false).forEach(synonym -> allowed.addAll(Tokens.split(synonym)));
            }
        }
        return allowed;
    }

    /** Fails unless {@code original} is a subsequence of {@code variant}; returns the tokens left over. */
    private static List<String> leftOverAfterSubsequence(List<String> original, List<String> variant) {
        List<String> leftOver = new ArrayList<>();
        int next = 0;
        for (String token : variant) {
            if (next < original.size() && original.get(next).equals(token)) {
                next++;
            } else {
                leftOver.add(token);
            }
        }
        assertThat(next).as("original words kept in order in %s", variant).isEqualTo(original.size());
        return leftOver;
    }
}
