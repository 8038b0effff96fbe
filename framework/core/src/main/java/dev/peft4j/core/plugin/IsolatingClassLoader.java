package dev.peft4j.core.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * A plugin's class loader. Shared packages ({@link SharedPackages}) come from the host; everything else comes from the
 * plugin's own jar first and then from the JDK. Host classes outside the shared packages, and libraries on the host's
 * class path, stay invisible: whatever else a plugin needs, it bundles, privately.
 */
final class IsolatingClassLoader extends URLClassLoader {

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private final ClassLoader host;

    IsolatingClassLoader(String pluginId, URL jar, ClassLoader host) {
        super("plugin " + pluginId, new URL[] {jar}, ClassLoader.getPlatformClassLoader());
        this.host = host;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (SharedPackages.prefixOfClass(name).isPresent()) {
            return host.loadClass(name);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = name.startsWith("java.") ? getParent().loadClass(name) : ownThenJdk(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private Class<?> ownThenJdk(String name) throws ClassNotFoundException {
        try {
            return findClass(name);
        } catch (ClassNotFoundException notInJar) {
            return getParent().loadClass(name);
        }
    }

    @Override
    public URL getResource(String name) {
        if (SharedPackages.prefixOfResource(name).isPresent()) {
            return host.getResource(name);
        }
        URL own = findResource(name);
        return own != null ? own : getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (SharedPackages.prefixOfResource(name).isPresent()) {
            return host.getResources(name);
        }
        List<URL> found = new ArrayList<>(Collections.list(findResources(name)));
        found.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(found);
    }
}
