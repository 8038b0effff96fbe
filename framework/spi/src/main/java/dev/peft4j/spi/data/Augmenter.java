package dev.peft4j.spi.data;

import java.util.List;
import java.util.random.RandomGenerator;

/** Makes new training examples from one original. Applied to the training split only. */
public interface Augmenter {

    /**
     * New examples derived from {@code original}; never includes the original itself. May return fewer than
     * {@code count} when the text offers too little to change (e.g. no word has a synonym).
     *
     * @param random the only source of randomness, so augmentation is reproducible
     */
    List<Example> augment(Example original, int count, RandomGenerator random);
}
