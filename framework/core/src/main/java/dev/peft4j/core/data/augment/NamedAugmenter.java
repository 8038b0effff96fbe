package dev.peft4j.core.data.augment;

import dev.peft4j.spi.data.Augmenter;
import java.util.Objects;

/** An augmenter with the name its factory goes by, so reports can say which augmenter made what. */
public record NamedAugmenter(String name, Augmenter augmenter) {

    public NamedAugmenter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(augmenter, "augmenter");
    }
}
