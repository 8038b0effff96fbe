package dev.peft4j.core.extension;

import dev.peft4j.spi.NamedFactory;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The extensions of one kind, by name, from the built-ins and the plugins together. Immutable; names are unique (the
 * host refuses a plugin that would add a second extension of the same kind and name, so nothing is overridden).
 */
public final class ExtensionRegistry<F extends NamedFactory<?>> {

    /** One registered extension and where it came from. */
    public record Entry<F>(String name, F factory, ExtensionOrigin origin) {
    }

    private final ExtensionKind<F> kind;
    private final Map<String, Entry<F>> byName;

    /** @throws IllegalArgumentException when two entries share a name */
    public ExtensionRegistry(ExtensionKind<F> kind, List<Entry<F>> entries) {
        this.kind = kind;
        Map<String, Entry<F>> map = new LinkedHashMap<>();
        for (Entry<F> entry : entries) {
            Entry<F> previous = map.putIfAbsent(entry.name(), entry);
            if (previous != null) {
                throw new IllegalArgumentException("Two " + kind.plural() + " are named '" + entry.name() + "': from "
                        + previous.origin() + " and from " + entry.origin());
            }
        }
        this.byName = Collections.unmodifiableMap(map);
    }

    public ExtensionKind<F> kind() {
        return kind;
    }

    /**
     * The factory registered under {@code name}.
     *
     * @throws UnknownExtensionException naming the names that are available
     */
    public F get(String name) {
        return find(name).orElseThrow(() -> new UnknownExtensionException(kind, name, names()));
    }

    public Optional<F> find(String name) {
        return Optional.ofNullable(byName.get(name)).map(Entry::factory);
    }

    /** Every registered name, sorted. */
    public SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(byName.keySet()));
    }

    /**
     * Where the extension named {@code name} comes from.
     *
     * @throws UnknownExtensionException naming the names that are available
     */
    public ExtensionOrigin origin(String name) {
        Entry<F> entry = byName.get(name);
        if (entry == null) {
            throw new UnknownExtensionException(kind, name, names());
        }
        return entry.origin();
    }

    /** Every entry, in registration order (built-ins first, then plugins in jar-name order). */
    public List<Entry<F>> entries() {
        return List.copyOf(byName.values());
    }
}
