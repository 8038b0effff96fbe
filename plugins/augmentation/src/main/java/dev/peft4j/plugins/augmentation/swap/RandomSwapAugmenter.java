package dev.peft4j.plugins.augmentation.swap;

import dev.peft4j.plugins.augmentation.text.Tokens;
import dev.peft4j.plugins.augmentation.text.Variants;
import dev.peft4j.spi.data.Augmenter;
import dev.peft4j.spi.data.Example;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * EDA random swap (Wei &amp; Zou 2019): n = max(1, alpha * words) times, swaps two words at distinct random positions.
 * Punctuation-only tokens stay where they are.
 */
public final class RandomSwapAugmenter implements Augmenter {

    private final RandomSwapSettings settings;

    public RandomSwapAugmenter(RandomSwapSettings settings) {
        this.settings = settings;
    }

    @Override
    public List<Example> augment(Example original, int count, RandomGenerator random) {
        List<String> tokens = Tokens.split(original.text());
        List<Integer> words = Tokens.wordPositions(tokens);
        if (words.size() < 2) {
            return Variants.none(original, count, RandomSwapFactory.NAME);
        }
        int swaps = Math.max(1, (int) (settings.alpha() * words.size()));
        return Variants.draw(original, count, RandomSwapFactory.NAME, random, r -> {
            List<String> result = new ArrayList<>(tokens);
            for (int i = 0; i < swaps; i++) {
                int first = r.nextInt(words.size());
                // A second index drawn from the other words only, so every swap moves two positions.
                int second = (first + 1 + r.nextInt(words.size() - 1)) % words.size();
                Collections.swap(result, words.get(first), words.get(second));
            }
            return result;
        });
    }
}
