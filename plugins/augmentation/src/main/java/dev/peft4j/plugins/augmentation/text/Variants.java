package dev.peft4j.plugins.augmentation.text;

import dev.peft4j.spi.data.Example;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Collects up to {@code count} distinct variants of an example's text, never the original itself. Each variant keeps
 * the example's pair and label and gets the id {@code <original id>#<augmenter>-<n>}.
 */
public final class Variants {

    /**
     * How many draws each wanted variant may take before giving up: a bound on the loop, not a tuning knob. Short texts
     * offer few distinct variants (two words have one swap) and end here instead of looping for ever.
     */
    private static final int DRAWS_PER_VARIANT = 10;

    private Variants() {
    }

    /**
     * @param variant draws one variant of the original's tokens (a fresh list the caller may keep)
     */
    public static List<Example> draw(Example original, int count, String augmenter, RandomGenerator random,
                                     Function<RandomGenerator, List<String>> variant) {
        requireCount(original, count, augmenter);
        String unchanged = Tokens.join(Tokens.split(original.text()));
        Set<String> seen = new HashSet<>(Set.of(unchanged));
        List<Example> variants = new ArrayList<>(count);
        for (int draw = 0; draw < count * DRAWS_PER_VARIANT && variants.size() < count; draw++) {
            String text = Tokens.join(variant.apply(random));
            if (!text.isBlank() && seen.add(text)) {
                variants.add(original.withText(text, "#" + augmenter + "-" + (variants.size() + 1)));
            }
        }
        return variants;
    }

    /** No variants, for a text that offers nothing to change (no synonyms, a single word). */
    public static List<Example> none(Example original, int count, String augmenter) {
        requireCount(original, count, augmenter);
        return List.of();
    }

    private static void requireCount(Example original, int count, String augmenter) {
        if (count < 0) {
            throw new IllegalArgumentException(augmenter + ": asked for " + count + " augmentations of example '"
                    + original.id() + "'; the count must be 0 or more");
        }
    }
}
