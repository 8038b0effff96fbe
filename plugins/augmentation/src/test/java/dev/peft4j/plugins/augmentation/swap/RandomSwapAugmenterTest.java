package dev.peft4j.plugins.augmentation.swap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peft4j.plugins.augmentation.Sst2Sentences;
import dev.peft4j.plugins.augmentation.text.Tokens;
import dev.peft4j.spi.data.Example;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomSwapAugmenterTest {

    @Test
    void permutesOnlyWordsAndMovesAtMostTwoPerSwap() {
        RandomSwapAugmenter augmenter = new RandomSwapAugmenter(new RandomSwapSettings(0.1));
        for (Example sentence : Sst2Sentences.dev(200)) {
            List<String> original = Tokens.split(sentence.text());
            int swaps = Math.max(1, (int) (0.1 * Tokens.wordPositions(original).size()));
            for (Example variant : augmenter.augment(sentence, 3, new SplittableRandom(13))) {
                List<String> swapped = Tokens.split(variant.text());
                assertThat(swapped).containsExactlyInAnyOrderElementsOf(original);
                int moved = 0;
                for (int i = 0; i < original.size(); i++) {
                    if (!Tokens.isWord(original.get(i))) {
                        assertThat(swapped.get(i)).as("punctuation at %d in '%s'", i, variant.text())
                                .isEqualTo(original.get(i));
                    } else if (!swapped.get(i).equals(original.get(i))) {
                        moved++;
                    }
                }
                assertThat(moved).isBetween(2, 2 * swaps);
            }
        }
    }

    @Test
    void aTwoWordTextHasExactlyOneSwap() {
        List<Example> variants = new RandomSwapAugmenter(new RandomSwapSettings(0.5))
                .augment(new Example("x", "truly great !", null, "1"), 4, new SplittableRandom(1));

        assertThat(variants).extracting(Example::text).containsExactly("great truly !");
    }

    @Test
    void aTextWithFewerThanTwoWordsOrNothingToReorderGivesNoAugmentation() {
        RandomSwapAugmenter augmenter = new RandomSwapAugmenter(new RandomSwapSettings(0.1));

        assertThat(augmenter.augment(new Example("x", "great !", null, "1"), 3, new SplittableRandom(1))).isEmpty();
        assertThat(augmenter.augment(new Example("x", "no no no", null, "0"), 3, new SplittableRandom(1))).isEmpty();
    }
}
