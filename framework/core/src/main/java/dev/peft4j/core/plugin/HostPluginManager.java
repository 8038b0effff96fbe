package dev.peft4j.core.plugin;

import dev.peft4j.spi.SpiVersion;
import java.nio.file.Path;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginLoader;
import org.pf4j.PluginWrapper;

/**
 * PF4J set up for peft4j: plugins are jars described by their manifest, each in an {@link IsolatingClassLoader}, and
 * the system version is the SPI version so that {@code Plugin-Requires} is enforced (PF4J's default of 0.0.0 turns
 * the check off). {@link PluginHost} drives it jar by jar, so that no failure is only logged.
 */
final class HostPluginManager extends DefaultPluginManager {

    HostPluginManager(Path pluginsDir) {
        super(pluginsDir);
        setSystemVersion(SpiVersion.spi());
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new IsolatingPluginLoader(HostPluginManager.class.getClassLoader());
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
        return new ManifestPluginDescriptorFinder();
    }

    /** Loads one jar, throwing where PF4J's {@code loadPlugin} would log and return null. */
    PluginWrapper load(Path jar) {
        return loadPluginFromPath(jar);
    }

    void resolve() {
        resolvePlugins();
    }
}
