package dev.peft4j.plugins.augmentation.text;

import java.util.Locale;

/** Carries the letter case of a replaced word over to its replacement (WordNet lemmas are lower case). */
public final class Casing {

    private Casing() {
    }

    /** {@code replacement} upper-cased if {@code original} is all capitals, capitalised if it starts with one. */
    public static String like(String original, String replacement) {
        if (original.length() > 1 && original.equals(original.toUpperCase(Locale.ROOT))
                && !original.equals(original.toLowerCase(Locale.ROOT))) {
            return replacement.toUpperCase(Locale.ROOT);
        }
        if (!original.isEmpty() && Character.isUpperCase(original.charAt(0))) {
            return Character.toUpperCase(replacement.charAt(0)) + replacement.substring(1);
        }
        return replacement;
    }
}
