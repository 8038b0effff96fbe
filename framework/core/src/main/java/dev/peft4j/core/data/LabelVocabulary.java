package dev.peft4j.core.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Class names and their indices. Collected vocabularies are sorted, so the same data always gives the same indices
 * whatever the row order: integer labels numerically ({@code 2} before {@code 10}), others by Unicode code point.
 * Saved with the run so that a model can be used later with the same mapping.
 */
public final class LabelVocabulary {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> names;
    private final Map<String, Integer> indices = new HashMap<>();

    private LabelVocabulary(List<String> names) {
        this.names = List.copyOf(names);
        for (int i = 0; i < this.names.size(); i++) {
            if (indices.put(this.names.get(i), i) != null) {
                throw new IllegalArgumentException("class '" + this.names.get(i) + "' appears twice in " + names);
            }
        }
    }

    /** The vocabulary in exactly this order (e.g. the configured {@code data.labels}). */
    public static LabelVocabulary ordered(List<String> names) {
        return new LabelVocabulary(names);
    }

    /** The vocabulary of these names, sorted: numerically when every name is an integer, else by code point. */
    public static LabelVocabulary sorted(Collection<String> names) {
        List<String> sorted = new ArrayList<>(names);
        boolean integers = sorted.stream().allMatch(name -> name.matches("[+-]?\\d+"));
        sorted.sort(integers ? Comparator.comparing(BigInteger::new) : Comparator.naturalOrder());
        return new LabelVocabulary(sorted);
    }

    public int size() {
        return names.size();
    }

    public String name(int index) {
        return names.get(index);
    }

    /** The index of a class, or -1 when it is not in the vocabulary. */
    public int indexOf(String name) {
        return indices.getOrDefault(name, -1);
    }

    public List<String> names() {
        return names;
    }

    /** Writes {@code {"labels": [...]}} to a temporary file next to {@code file} and renames it into place. */
    public void save(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), Map.of("labels", names));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the label vocabulary to " + file, e);
        }
    }

    public static LabelVocabulary load(Path file) {
        try {
            var root = JSON.readTree(file.toFile());
            var labels = root.get("labels");
            if (labels == null || !labels.isArray()) {
                throw new DataException(file + ": expected {\"labels\": [...]}, the file written with the run");
            }
            List<String> names = new ArrayList<>();
            labels.forEach(node -> names.add(node.asText()));
            return ordered(names);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the label vocabulary " + file, e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LabelVocabulary vocabulary && vocabulary.names.equals(names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public String toString() {
        return names.toString();
    }
}
