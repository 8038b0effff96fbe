package dev.peft4j.spi.data;

import dev.peft4j.spi.NamedFactory;

/** Extension point for data augmenters, chosen by name in {@code data.augment.augmenters}. */
public interface AugmenterFactory extends NamedFactory<Augmenter> {
}
