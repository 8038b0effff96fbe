package dev.peft4j.plugins.augmentation.charnoise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.peft4j.plugins.augmentation.Sst2Sentences;
import dev.peft4j.plugins.augmentation.text.Tokens;
import dev.peft4j.spi.data.Example;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CharNoiseAugmenterTest {

    /** About 12,000 letters of real SST-2 text, with its digits, hyphens and punctuation. */
    private static final String TEXT = Tokens.join(Tokens.split(Sst2Sentences.dev(100).stream().map(Example::text)
            .collect(Collectors.joining(" "))));
    private static final int LETTERS = letters(TEXT).length();

    private final QwertyKeyboard keyboard = new QwertyKeyboard();

    @Test
    void substitutesLettersByKeyboardNeighboursAtTheSubstituteRate() {
        List<Example> variants = augment(new CharNoiseSettings(0.05, 0, 0), 20);

        long substituted = 0;
        for (Example variant : variants) {
            String noisy = variant.text();
            assertThat(noisy).hasSameSizeAs(TEXT);
            for (int i = 0; i < TEXT.length(); i++) {
                char before = TEXT.charAt(i);
                char after = noisy.charAt(i);
                if (before != after) {
                    assertThat(keyboard.neighboursOf(before)).as("typo of '%s' at %d", before, i).contains(after);
                    substituted++;
                }
            }
        }
        // 240,000 letters: the observed rate's standard deviation is about 0.0005.
        assertThat((double) substituted / (LETTERS * variants.size())).isCloseTo(0.05, within(0.003));
    }

    @Test
    void dropsLettersAtTheDropRateAndNothingElse() {
        List<Example> variants = augment(new CharNoiseSettings(0, 0.05, 0), 20);

        double dropped = 0;
        for (Example variant : variants) {
            assertThat(nonLetters(variant.text())).isEqualTo(nonLetters(TEXT));
            dropped += LETTERS - letters(variant.text()).length();
        }
        assertThat(dropped / (LETTERS * variants.size())).isCloseTo(0.05, within(0.003));
    }

    @Test
    void doublesLettersAtTheDuplicateRate() {
        List<Example> variants = augment(new CharNoiseSettings(0, 0, 0.05), 20);

        double doubled = 0;
        for (Example variant : variants) {
            assertThat(nonLetters(variant.text())).isEqualTo(nonLetters(TEXT));
            doubled += letters(variant.text()).length() - LETTERS;
        }
        assertThat(doubled / (LETTERS * variants.size())).isCloseTo(0.05, within(0.003));
    }

    @Test
    void combinedRatesChangeTheLengthByDuplicatesMinusDrops() {
        List<Example> variants = augment(new CharNoiseSettings(0.02, 0.06, 0.01), 20);

        double growth = 0;
        for (Example variant : variants) {
            growth += letters(variant.text()).length() - LETTERS;
        }
        assertThat(growth / (LETTERS * variants.size())).isCloseTo(0.01 - 0.06, within(0.004));
    }

    @Test
    void aTextWithoutLettersGivesNoAugmentation() {
        CharNoiseAugmenter augmenter = new CharNoiseAugmenter(new CharNoiseSettings(0.5, 0.2, 0.2));

        assertThat(augmenter.augment(new Example("x", "1930 , 42 !", null, "1"), 3, new SplittableRandom(1)))
                .isEmpty();
    }

    private static List<Example> augment(CharNoiseSettings settings, int count) {
        List<Example> variants = new CharNoiseAugmenter(settings).augment(new Example("x", TEXT, null, "1"), count,
                new SplittableRandom(29));
        assertThat(variants).hasSize(count);
        return variants;
    }

    private static String letters(String text) {
        return text.replaceAll("[^A-Za-z]", "");
    }

    /** What typos must not touch; spaces aside, since dropping a one-letter word also drops a space. */
    private static String nonLetters(String text) {
        return text.replaceAll("[A-Za-z\\s]", "");
    }
}
