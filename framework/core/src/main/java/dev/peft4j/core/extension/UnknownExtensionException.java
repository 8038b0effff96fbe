package dev.peft4j.core.extension;

import java.util.NoSuchElementException;
import java.util.SortedSet;

/** A pipeline named an extension no built-in or plugin provides. */
public final class UnknownExtensionException extends NoSuchElementException {

    private static final long serialVersionUID = 1L;

    public UnknownExtensionException(ExtensionKind<?> kind, String name, SortedSet<String> available) {
        super("No " + kind.singular() + " named '" + name + "'. Available: " + available
                + ". Check the spelling, or drop the plugin jar that provides it into the plugins folder.");
    }
}
