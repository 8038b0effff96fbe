package dev.peft4j.plugins.augmentation.synonym;

import dev.peft4j.plugins.augmentation.text.Casing;
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
 * EDA synonym replacement (Wei &amp; Zou 2019): picks n = max(1, alpha * words) distinct non-stop words that have
 * synonyms and replaces every occurrence of each with one of its synonyms, keeping case and attached punctuation.
 */
public final class SynonymReplacementAugmenter implements Augmenter {

    private final SynonymReplacementSettings settings;
    private final Thesaurus thesaurus;
    private final StopWords stopWords;

    public SynonymReplacementAugmenter(SynonymReplacementSettings settings, Thesaurus thesaurus, StopWords stopWords) {
        this.settings = settings;
        this.thesaurus = thesaurus;
        this.stopWords = stopWords;
    }

    @Override
    public List<Example> augment(Example original, int count, RandomGenerator random) {
        List<String> tokens = Tokens.split(original.text());
        SynonymCandidates candidates = SynonymCandidates.of(tokens, thesaurus, stopWords, settings.matchInflections());
        if (candidates.isEmpty()) {
            return Variants.none(original, count, SynonymReplacementFactory.NAME);
        }
        int replacements = Math.max(1, (int) (settings.alpha() * Tokens.wordPositions(tokens).size()));
        return Variants.draw(original, count, SynonymReplacementFactory.NAME, random,
                r -> replace(tokens, candidates, replacements, r));
    }

    private static List<String> replace(List<String> tokens, SynonymCandidates candidates, int replacements,
                                        RandomGenerator random) {
        List<String> words = candidates.words();
        Draws.shuffle(words, random);
        List<String> result = new ArrayList<>(tokens);
        for (String word : words.subList(0, Math.min(replacements, words.size()))) {
            String synonym = Draws.pick(candidates.synonymsOf(word), random);
            for (int i = 0; i < result.size(); i++) {
                String token = result.get(i);
                if (SynonymCandidates.isOccurrence(token, word)) {
                    result.set(i, Tokens.replaceCore(token, Casing.like(Tokens.core(token), synonym)));
                }
            }
        }
        return result;
    }
}
