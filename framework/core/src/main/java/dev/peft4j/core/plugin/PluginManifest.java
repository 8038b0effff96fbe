package dev.peft4j.core.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * The PF4J entries of a plugin jar's manifest. Any of them may be null when the jar lacks it; a refused plugin is still
 * listed with whatever it declared.
 */
public record PluginManifest(String id, String version, String provider, String requires, String pluginClass) {

    /** Entries every peft4j plugin jar must declare. */
    public static final List<String> REQUIRED_ENTRIES =
            List.of("Plugin-Id", "Plugin-Version", "Plugin-Provider", "Plugin-Requires");

    /** A jar whose manifest could not be read at all. */
    public static final PluginManifest UNREADABLE = new PluginManifest(null, null, null, null, null);

    static PluginManifest of(Manifest manifest) {
        Attributes main = manifest.getMainAttributes();
        return new PluginManifest(
                value(main, "Plugin-Id"),
                value(main, "Plugin-Version"),
                value(main, "Plugin-Provider"),
                value(main, "Plugin-Requires"),
                value(main, "Plugin-Class"));
    }

    /** The required entries this manifest lacks, in {@link #REQUIRED_ENTRIES} order. */
    List<String> missingEntries() {
        List<String> missing = new ArrayList<>();
        String[] values = {id, version, provider, requires};
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                missing.add(REQUIRED_ENTRIES.get(i));
            }
        }
        return missing;
    }

    private static String value(Attributes attributes, String name) {
        String value = attributes.getValue(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
