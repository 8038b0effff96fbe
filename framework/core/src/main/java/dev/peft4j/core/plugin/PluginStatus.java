package dev.peft4j.core.plugin;

import dev.peft4j.core.extension.ExtensionKind;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.PluginState;

/**
 * One plugin jar as the host found it.
 *
 * @param manifest   what the jar declares (fields may be null when the jar lacks them)
 * @param jar        the jar's path
 * @param state      STARTED, DISABLED (switched off by the user), or FAILED
 * @param extensions the names it registered, by kind (empty unless STARTED)
 * @param problems   why it was refused (empty unless FAILED)
 */
public record PluginStatus(
        PluginManifest manifest,
        Path jar,
        PluginState state,
        Map<ExtensionKind<?>, List<String>> extensions,
        List<String> problems) {

    public PluginStatus {
        extensions = immutableNames(extensions);
        problems = List.copyOf(problems);
        if ((state == PluginState.FAILED) == problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "a plugin is FAILED exactly when it has problems; " + state + " with " + problems);
        }
    }

    static Map<ExtensionKind<?>, List<String>> immutableNames(Map<ExtensionKind<?>, List<String>> names) {
        Map<ExtensionKind<?>, List<String>> copy = new LinkedHashMap<>();
        names.forEach((kind, list) -> copy.put(kind, List.copyOf(list)));
        return Collections.unmodifiableMap(copy);
    }

    /** The plugin id, or the jar's file name when the jar declares none. */
    public String label() {
        return manifest.id() != null ? manifest.id() : jar.getFileName().toString();
    }

    /** The problems as sentences a user can act on, each naming the plugin and its jar. */
    public List<String> describedProblems() {
        String who = manifest.id() != null ? "Plugin '" + manifest.id() + "' (" + jar + ")" : "Plugin jar " + jar;
        return problems.stream().map(problem -> who + " was refused: " + problem).toList();
    }
}
