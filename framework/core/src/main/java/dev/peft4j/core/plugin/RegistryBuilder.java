package dev.peft4j.core.plugin;

import dev.peft4j.core.extension.ExtensionKind;
import dev.peft4j.core.extension.ExtensionOrigin;
import dev.peft4j.core.extension.ExtensionRegistry;
import dev.peft4j.core.extension.Extensions;
import dev.peft4j.core.plugin.ExtensionDiscovery.Found;
import dev.peft4j.spi.NamedFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects extensions into per-kind registries, one origin (the built-ins, or one plugin) at a time and all-or-nothing:
 * an origin whose names clash with a registered extension, or with each other, adds none of its extensions.
 */
final class RegistryBuilder {

    private record Registered(Found found, ExtensionOrigin origin) {
    }

    private final Map<ExtensionKind<?>, Map<String, Registered>> byKind = new LinkedHashMap<>();

    RegistryBuilder() {
        ExtensionKind.ALL.forEach(kind -> byKind.put(kind, new LinkedHashMap<>()));
    }

    /** Adds every extension of one origin, or none of them when any name clashes; returns the clashes. */
    List<String> addAll(ExtensionOrigin origin, List<Found> extensions) {
        List<String> clashes = new ArrayList<>();
        Map<String, Found> ownByKey = new HashMap<>();
        for (Found found : extensions) {
            Registered existing = byKind.get(found.kind()).get(found.name());
            if (existing != null) {
                clashes.add("its " + found.kind() + " '" + found.name() + "' is already provided by "
                        + existing.origin() + "; names are unique per kind: "
                        + (existing.origin().isBuiltIn() ? "rename the plugin's" : "remove one of the two jars"));
            }
            Found twin = ownByKey.putIfAbsent(found.kind() + "/" + found.name(), found);
            if (twin != null) {
                clashes.add("it provides two " + found.kind().plural() + " named '" + found.name() + "' ("
                        + twin.factory().getClass().getName() + " and " + found.factory().getClass().getName()
                        + "); rename one");
            }
        }
        if (clashes.isEmpty()) {
            extensions.forEach(found -> byKind.get(found.kind()).put(found.name(), new Registered(found, origin)));
        }
        return clashes;
    }

    Extensions build() {
        Map<ExtensionKind<?>, ExtensionRegistry<?>> registries = new LinkedHashMap<>();
        ExtensionKind.ALL.forEach(kind -> registries.put(kind, registry(kind)));
        return new Extensions(registries);
    }

    private <F extends NamedFactory<?>> ExtensionRegistry<F> registry(ExtensionKind<F> kind) {
        List<ExtensionRegistry.Entry<F>> entries = byKind.get(kind).values().stream()
                .map(r -> new ExtensionRegistry.Entry<>(
                        r.found().name(), kind.type().cast(r.found().factory()), r.origin()))
                .toList();
        return new ExtensionRegistry<>(kind, entries);
    }
}
