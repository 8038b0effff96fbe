package dev.peft4j.core.extension;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where an extension comes from: the host's own class path (a built-in) or a plugin jar.
 *
 * @param pluginId the plugin's id, or null for a built-in
 * @param jar      the plugin's jar, or null for a built-in
 */
public record ExtensionOrigin(String pluginId, Path jar) {

    private static final ExtensionOrigin BUILT_IN = new ExtensionOrigin(null, null);

    public ExtensionOrigin {
        if ((pluginId == null) != (jar == null)) {
            throw new IllegalArgumentException(
                    "a plugin origin names both the plugin id and its jar, a built-in neither");
        }
    }

    public static ExtensionOrigin builtIn() {
        return BUILT_IN;
    }

    public static ExtensionOrigin plugin(String pluginId, Path jar) {
        return new ExtensionOrigin(pluginId, jar);
    }

    public boolean isBuiltIn() {
        return pluginId == null;
    }

    /** The plugin id, empty for a built-in. */
    public Optional<String> plugin() {
        return Optional.ofNullable(pluginId);
    }

    @Override
    public String toString() {
        return isBuiltIn() ? "the host (built-in)" : "plugin '" + pluginId + "' (" + jar + ")";
    }
}
