package dev.peft4j.core.plugin;

import com.typesafe.config.Config;
import java.nio.file.Path;

/**
 * Where the host looks for plugin jars.
 *
 * @param dir the plugins folder, absolute
 */
public record PluginSettings(Path dir) {

    public PluginSettings {
        if (dir == null || !dir.isAbsolute()) {
            throw new IllegalArgumentException("The plugins folder must be an absolute path, got " + dir);
        }
        dir = dir.normalize();
    }

    /** Reads {@code peft4j.plugins.dir}, resolving a relative folder against {@code peft4j.home}. */
    public static PluginSettings from(Config config) {
        Path home = Path.of(config.getString("peft4j.home")).toAbsolutePath();
        return new PluginSettings(home.resolve(config.getString("peft4j.plugins.dir")));
    }
}
