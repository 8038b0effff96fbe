package dev.peft4j.plugins.augmentation.wordnet;

import dev.peft4j.plugins.augmentation.text.StopWords;
import dev.peft4j.plugins.augmentation.text.Tokens;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The words of one text that synonym augmenters may use, each with its synonyms: plain English words (letters, maybe
 * hyphenated) that are not stop words and have at least one synonym, in order of first appearance, lower-cased.
 */
public final class SynonymCandidates {

    private static final Pattern ENGLISH_WORD = Pattern.compile("\\p{Alpha}+(?:-\\p{Alpha}+)*");

    private final Map<String, List<String>> synonymsByWord;

    private SynonymCandidates(Map<String, List<String>> synonymsByWord) {
        this.synonymsByWord = synonymsByWord;
    }

    public static SynonymCandidates of(List<String> tokens, Thesaurus thesaurus, StopWords stopWords,
                                       boolean matchInflections) {
        Map<String, List<String>> synonymsByWord = new LinkedHashMap<>();
        for (String token : tokens) {
            String word = Tokens.core(token).toLowerCase(Locale.ROOT);
            if (ENGLISH_WORD.matcher(word).matches() && !stopWords.contains(word)
                    && !synonymsByWord.containsKey(word)) {
                List<String> synonyms = thesaurus.synonyms(word, matchInflections);
                if (!synonyms.isEmpty()) {
                    synonymsByWord.put(word, List.copyOf(synonyms));
                }
            }
        }
        return new SynonymCandidates(synonymsByWord);
    }

    public boolean isEmpty() {
        return synonymsByWord.isEmpty();
    }

    /** The candidate words, lower-cased, in order of first appearance (a fresh list). */
    public List<String> words() {
        return new ArrayList<>(synonymsByWord.keySet());
    }

    public List<String> synonymsOf(String word) {
        return synonymsByWord.getOrDefault(word, List.of());
    }

    /** True when {@code token}'s core is {@code word}, whatever its case. */
    public static boolean isOccurrence(String token, String word) {
        return Tokens.core(token).equalsIgnoreCase(word);
    }
}
