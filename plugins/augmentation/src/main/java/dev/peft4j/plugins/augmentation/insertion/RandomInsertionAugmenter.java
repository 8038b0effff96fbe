package dev.peft4j.plugins.augmentation.insertion;

import dev.peft4j.plugins.augmentation.text.Draws;
import dev.peft4j.plugins.augmentation.text.StopWords;
import dev.peft4j.plugins.augmentation.text.Tokens;
import dev.peft4j.plugins.augmentation.text.Variants;
import dev.peft4j.plugins.augmentation.wordnet.SynonymCandidates;
import dev.peft4j.plugins.augmentation.wordnet.Thesaurus;
import dev.peft4j.spi.data.Augmenter;
import dev.peft4j.spi.data.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * EDA random insertion (Wei &amp; Zou 2019): n = max(1, alpha * words) times, takes a random non-stop word of the
 * original that has synonyms and inserts one of its synonyms at a random position.
 */
public final class RandomInsertionAugmenter implements Augmenter {

    private final RandomInsertionSettings settings;
    private final Thesaurus thesaurus;
    private final StopWords stopWords;

    public RandomInsertionAugmenter(RandomInsertionSettings settings, Thesaurus thesaurus, StopWords stopWords) {
        this.settings = settings;
        this.thesaurus = thesaurus;
        this.stopWords = stopWords;
    }

    @Override
    public List<Example> augment(Example original, int count, RandomGenerator random) {
        List<String> tokens = Tokens.split(original.text());
        SynonymCandidates candidates = SynonymCandidates.of(tokens, thesaurus, stopWords, settings.matchInflections());
        if (candidates.isEmpty()) {
            return Variants.none(original, count, RandomInsertionFactory.NAME);
        }
        int insertions = Math.max(1, (int) (settings.alpha() * Tokens.wordPositions(tokens).size()));
        List<String> words = candidates.words();
        return Variants.draw(original, count, RandomInsertionFactory.NAME, random, r -> {
            List<String> result = new ArrayList<>(tokens);
            for (int i = 0; i < insertions; i++) {
                String synonym = Draws.pick(candidates.synonymsOf(Draws.pick(words, r)), r);
                result.add(r.nextInt(result.size() + 1), synonym);
            }
            return result;
        });
    }
}
