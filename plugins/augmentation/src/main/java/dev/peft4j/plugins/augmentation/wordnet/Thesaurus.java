package dev.peft4j.plugins.augmentation.wordnet;

import java.util.List;

/** Synonyms of a single English word. */
public interface Thesaurus {

    /**
     * Lower-case synonyms of {@code word} (never the word itself), in a fixed order so seeded draws repeat; multi-word
     * synonyms are joined by spaces. Empty when the word has none.
     *
     * @param matchInflections also look the word up through its base form ({@code movies} as {@code movie}); the
     *                         synonyms are base forms, so this trades grammar for coverage
     */
    List<String> synonyms(String word, boolean matchInflections);
}
