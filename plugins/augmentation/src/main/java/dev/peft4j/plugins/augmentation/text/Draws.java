package dev.peft4j.plugins.augmentation.text;

import java.util.List;
import java.util.random.RandomGenerator;

/** Random choices driven only by the caller's generator, so the same seed gives the same augmentations. */
public final class Draws {

    private Draws() {
    }

    public static <T> T pick(List<T> items, RandomGenerator random) {
        return items.get(random.nextInt(items.size()));
    }

    /** Fisher-Yates in place ({@code Collections.shuffle} takes only a {@code java.util.Random} on Java 17). */
    public static <T> void shuffle(List<T> items, RandomGenerator random) {
        for (int i = items.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T swapped = items.get(i);
            items.set(i, items.get(j));
            items.set(j, swapped);
        }
    }
}
