package dev.peft4j.plugins.augmentation.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The English stop words that synonym augmenters never touch; the list and its source are in {@value #RESOURCE}. */
public final class StopWords {

    static final String RESOURCE = "stopwords-en.txt";

    private final Set<String> words;

    private StopWords(Set<String> words) {
        this.words = words;
    }

    /** Reads the list shipped in this plugin's jar. */
    public static StopWords english() {
        try (InputStream in = StopWords.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the augmentation plugin jar lacks " + StopWords.class.getPackageName()
                        .replace('.', '/') + "/" + RESOURCE + ": the jar is damaged, rebuild it");
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return new StopWords(reader.lines()
                        .map(String::strip)
                        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                        .collect(Collectors.toUnmodifiableSet()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stop-word list " + RESOURCE, e);
        }
    }

    /** Case-insensitive: {@code The} is a stop word. */
    public boolean contains(String word) {
        return words.contains(word.toLowerCase(Locale.ROOT));
    }

    public int size() {
        return words.size();
    }
}
