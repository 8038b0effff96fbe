package dev.peft4j.plugins.augmentation.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peft4j.spi.data.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VariantsTest {

    private final Example original = new Example("train.tsv:7", "a  fine film", "a pair", "positive");

    @Test
    void neverReturnsTheOriginalEvenWhenOnlyItsSpacingDiffers() {
        List<Example> variants = Variants.draw(original, 3, "test", new SplittableRandom(1),
                r -> Tokens.split("a fine film"));

        assertThat(variants).isEmpty();
    }

    @Test
    void returnsDistinctVariantsWithDerivedIdsAndTheOriginalPairAndLabel() {
        List<String> texts = List.of("one fine film", "a fine film", "one fine film", "two fine films");
        List<String> drawn = new ArrayList<>(texts);
        List<Example> variants = Variants.draw(original, 2, "test", new SplittableRandom(1),
                r -> Tokens.split(drawn.remove(0)));

        assertThat(variants).extracting(Example::text).containsExactly("one fine film", "two fine films");
        assertThat(variants).extracting(Example::id).containsExactly("train.tsv:7#test-1", "train.tsv:7#test-2");
        assertThat(variants).allSatisfy(variant -> {
            assertThat(variant.textPair()).isEqualTo("a pair");
            assertThat(variant.label()).isEqualTo("positive");
        });
    }

    @Test
    void givesUpWhenTheTextOffersFewerVariantsThanAskedFor() {
        List<Example> variants = Variants.draw(original, 5, "test", new SplittableRandom(1),
                r -> Tokens.split("film fine a"));

        assertThat(variants).extracting(Example::text).containsExactly("film fine a");
    }

    @Test
    void rejectsANegativeCountNamingTheAugmenterAndExample() {
        assertThatThrownBy(() -> Variants.none(original, -1, "random-swap"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("random-swap")
                .hasMessageContaining("train.tsv:7")
                .hasMessageContaining("0 or more");
    }
}
