package dev.peft4j.spi.data;

import java.util.Objects;

/**
 * One labelled example. {@code textPair} is null for single-sentence tasks. The label is the class name for
 * classification, the number as written for regression, and null for unlabelled text.
 *
 * @param id     stable identifier (source file and line), so reports can point back to the row
 */
public record Example(String id, String text, String textPair, String label) {

    public Example {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
    }

    /** A copy with new text, keeping id (suffixed to mark the derivation), pair and label. */
    public Example withText(String newText, String idSuffix) {
        return new Example(id + idSuffix, newText, textPair, label);
    }
}
