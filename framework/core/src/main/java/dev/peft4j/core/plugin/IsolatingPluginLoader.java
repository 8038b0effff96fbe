package dev.peft4j.core.plugin;

import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRuntimeException;

/** Gives each plugin jar its own {@link IsolatingClassLoader}. */
final class IsolatingPluginLoader implements PluginLoader {

    private final ClassLoader host;

    IsolatingPluginLoader(ClassLoader host) {
        this.host = host;
    }

    @Override
    public boolean isApplicable(Path pluginPath) {
        return Files.isRegularFile(pluginPath) && pluginPath.getFileName().toString().endsWith(".jar");
    }

    @Override
    public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
        try {
            return new IsolatingClassLoader(descriptor.getPluginId(), pluginPath.toUri().toURL(), host);
        } catch (MalformedURLException e) {
            throw new PluginRuntimeException(e, "Cannot turn {} into a class path URL", pluginPath);
        }
    }
}
