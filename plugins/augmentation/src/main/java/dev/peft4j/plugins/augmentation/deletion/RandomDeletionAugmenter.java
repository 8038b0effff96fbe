package dev.peft4j.plugins.augmentation.deletion;

import dev.peft4j.plugins.augmentation.text.Draws;
import dev.peft4j.plugins.augmentation.text.Tokens;
import dev.peft4j.plugins.augmentation.text.Variants;
import dev.peft4j.spi.data.Augmenter;
import dev.peft4j.spi.data.Example;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * EDA random deletion (Wei &amp; Zou 2019): deletes each word with probability p. When every word would go, one random
 * word stays, so the text is never empty. Punctuation-only tokens stay.
 */
public final class RandomDeletionAugmenter implements Augmenter {

    private final RandomDeletionSettings settings;

    public RandomDeletionAugmenter(RandomDeletionSettings settings) {
        this.settings = settings;
    }

    @Override
    public List<Example> augment(Example original, int count, RandomGenerator random) {
        List<String> tokens = Tokens.split(original.text());
        List<Integer> words = Tokens.wordPositions(tokens);
        if (words.size() < 2) {
            return Variants.none(original, count, RandomDeletionFactory.NAME);
        }
        return Variants.draw(original, count, RandomDeletionFactory.NAME, random, r -> {
            Set<Integer> deleted = new HashSet<>();
            for (int position : words) {
                if (r.nextDouble() < settings.p()) {
                    deleted.add(position);
                }
            }
            if (deleted.size() == words.size()) {
                deleted.remove(Draws.pick(words, r));
            }
            List<String> result = new ArrayList<>(tokens.size() - deleted.size());
            for (int i = 0; i < tokens.size(); i++) {
                if (!deleted.contains(i)) {
                    result.add(tokens.get(i));
                }
            }
            return result;
        });
    }
}
