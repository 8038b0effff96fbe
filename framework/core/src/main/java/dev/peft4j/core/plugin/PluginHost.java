package dev.peft4j.core.plugin;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import dev.peft4j.core.extension.ExtensionKind;
import dev.peft4j.core.extension.ExtensionOrigin;
import dev.peft4j.core.extension.Extensions;
import dev.peft4j.core.plugin.ExtensionDiscovery.Discovered;
import dev.peft4j.core.plugin.ExtensionDiscovery.Found;
import dev.peft4j.spi.SpiVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.pf4j.VersionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's plugins, loaded and started: every jar of the plugins folder is inspected, loaded, started and asked for
 * its extensions, and every failure on the way is recorded against that jar instead of stopping the others. Callers
 * then decide: {@code peft4j plugins} lists the {@link #report() report}; everything else calls
 * {@link #requireNoProblems()} and refuses to run while any plugin was refused.
 *
 * <p>A plugin is refused, with all its extensions, when its jar is unreadable, its manifest lacks a required entry,
 * its {@code Plugin-Requires} excludes this SPI version, it bundles a shared package, PF4J cannot load or start it, an
 * indexed extension cannot be created, it registers no extension, an extension name is taken already (by a built-in
 * or by a plugin whose jar name sorts first), or its {@code reference.conf} does not parse.
 */
public final class PluginHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

    private final HostPluginManager manager;
    private final PluginReport report;
    private final Extensions extensions;
    private final Map<String, Config> referenceConfigs;

    private PluginHost(HostPluginManager manager, PluginReport report, Extensions extensions,
                       Map<String, Config> referenceConfigs) {
        this.manager = manager;
        this.report = report;
        this.extensions = extensions;
        this.referenceConfigs = Collections.unmodifiableMap(referenceConfigs);
    }

    /** Loads the built-ins and every plugin jar in {@code settings.dir()}; never throws for a plugin's problem. */
    public static PluginHost start(PluginSettings settings) {
        return new Startup(settings.dir()).run();
    }

    public PluginReport report() {
        return report;
    }

    /** The registries of the built-ins and the started plugins. */
    public Extensions extensions() {
        return extensions;
    }

    public PluginManager pluginManager() {
        return manager;
    }

    /**
     * Each started plugin's own {@code reference.conf}, read from its jar (never the host's), by plugin id; its
     * {@link Config#origin()} names the jar. Plugins without one are absent.
     */
    public Map<String, Config> referenceConfigs() {
        return referenceConfigs;
    }

    /**
     * @return this host, when no plugin was refused
     * @throws PluginLoadingException listing every problem
     */
    public PluginHost requireNoProblems() {
        if (report.hasProblems()) {
            throw new PluginLoadingException(report.problems());
        }
        return this;
    }

    /** Stops the plugins and closes their class loaders. */
    @Override
    public void close() {
        manager.stopPlugins();
        manager.unloadPlugins();
    }

    /** One pass over the plugins folder. */
    private static final class Startup {

        private final Path dir;
        private final HostPluginManager manager;
        private final PluginJarInspector inspector;
        private final RegistryBuilder registries = new RegistryBuilder();
        private final List<String> hostProblems = new ArrayList<>();
        private final Map<Path, PluginStatus> statuses = new TreeMap<>();
        private final Map<String, Config> referenceConfigs = new LinkedHashMap<>();
        private final Map<Path, PluginManifest> manifests = new LinkedHashMap<>();

        Startup(Path dir) {
            this.dir = dir;
            this.manager = new HostPluginManager(dir);
            VersionManager versions = manager.getVersionManager();
            this.inspector = new PluginJarInspector(SpiVersion.spi(), versions);
        }

        PluginHost run() {
            Map<ExtensionKind<?>, List<String>> builtIns = registerBuiltIns();
            List<PluginWrapper> loaded = jars().stream().map(this::inspectAndLoad).filter(w -> w != null).toList();
            String resolveProblem = resolve();
            loaded.forEach(wrapper -> startAndRegister(wrapper, resolveProblem));
            PluginReport report =
                    new PluginReport(dir, SpiVersion.spi(), List.copyOf(statuses.values()), builtIns, hostProblems);
            LOG.info("{} plugin(s) in {}: {} started, {} refused", statuses.size(), dir,
                    report.plugins().stream().filter(p -> p.state() == PluginState.STARTED).count(),
                    report.plugins().stream().filter(p -> p.state() == PluginState.FAILED).count());
            return new PluginHost(manager, report, registries.build(), referenceConfigs);
        }

        private Map<ExtensionKind<?>, List<String>> registerBuiltIns() {
            Discovered builtIns = ExtensionDiscovery.discover(
                    manager.getExtensionClassNames(null), PluginHost.class.getClassLoader());
            builtIns.problems().forEach(problem -> hostProblems.add("A built-in extension is broken: " + problem));
            registries.addAll(ExtensionOrigin.builtIn(), builtIns.extensions())
                    .forEach(clash -> hostProblems.add("A built-in extension clashes: " + clash));
            return namesByKind(builtIns.extensions());
        }

        private List<Path> jars() {
            if (!Files.isDirectory(dir)) {
                hostProblems.add("The plugins folder " + dir + " does not exist; create it, or point --plugins-dir"
                        + " or -Dpeft4j.plugins.dir at the folder that holds the plugin jars");
                return List.of();
            }
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                        .sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list the plugins folder " + dir, e);
            }
        }

        /** Returns the loaded plugin, or null when the jar was refused (and recorded). */
        private PluginWrapper inspectAndLoad(Path jar) {
            PluginJarInspector.Inspection inspection = inspector.inspect(jar);
            manifests.put(jar, inspection.manifest());
            if (!inspection.problems().isEmpty()) {
                fail(inspection.manifest(), jar, inspection.problems());
                return null;
            }
            try {
                return manager.load(jar);
            } catch (RuntimeException e) {
                fail(inspection.manifest(), jar, List.of("PF4J cannot load it: " + e.getMessage()));
                return null;
            }
        }

        /** Returns why PF4J could not resolve the plugins, or null when it could. */
        private String resolve() {
            try {
                manager.resolve();
                return null;
            } catch (RuntimeException e) {
                return e.getMessage();
            }
        }

        private void startAndRegister(PluginWrapper wrapper, String resolveProblem) {
            String id = wrapper.getPluginId();
            Path jar = wrapper.getPluginPath();
            PluginManifest manifest = manifests.get(jar);
            if (wrapper.getPluginState() == PluginState.DISABLED) {
                statuses.put(jar, new PluginStatus(manifest, jar, PluginState.DISABLED, Map.of(), List.of()));
                return;
            }
            Optional<String> startProblem = start(wrapper, resolveProblem);
            if (startProblem.isPresent()) {
                refuse(wrapper, manifest, List.of(startProblem.get()));
                return;
            }
            Discovered discovered = ExtensionDiscovery.discover(
                    manager.getExtensionClassNames(id), wrapper.getPluginClassLoader());
            List<String> problems = new ArrayList<>(discovered.problems());
            if (problems.isEmpty() && discovered.extensions().isEmpty()) {
                problems.add("it registers no extension; annotate its factories with @org.pf4j.Extension and compile"
                        + " with PF4J's annotation processor so that META-INF/extensions.idx lists them");
            }
            Config reference = problems.isEmpty() ? readReferenceConfig(wrapper, problems) : null;
            if (problems.isEmpty()) {
                problems.addAll(registries.addAll(ExtensionOrigin.plugin(id, jar), discovered.extensions()));
            }
            if (!problems.isEmpty()) {
                refuse(wrapper, manifest, problems);
                return;
            }
            if (reference != null) {
                referenceConfigs.put(id, reference);
            }
            statuses.put(jar, new PluginStatus(manifest, jar, PluginState.STARTED,
                    namesByKind(discovered.extensions()), List.of()));
        }

        /** Starts the plugin; returns why it did not start, if it did not. */
        private Optional<String> start(PluginWrapper wrapper, String resolveProblem) {
            PluginState state;
            try {
                state = manager.startPlugin(wrapper.getPluginId());
            } catch (RuntimeException | LinkageError e) {
                return Optional.of("its plugin class failed to start: " + e);
            }
            if (state == PluginState.STARTED) {
                return Optional.empty();
            }
            if (resolveProblem != null) {
                return Optional.of("PF4J could not resolve the plugins: " + resolveProblem);
            }
            return Optional.of("PF4J left it " + state + " instead of starting it");
        }

        private static Config readReferenceConfig(PluginWrapper wrapper, List<String> problems) {
            URL url = ((URLClassLoader) wrapper.getPluginClassLoader()).findResource("reference.conf");
            if (url == null) {
                return null;
            }
            try {
                return ConfigFactory.parseURL(url);
            } catch (ConfigException e) {
                problems.add("its reference.conf cannot be parsed: " + e.getMessage());
                return null;
            }
        }

        private void refuse(PluginWrapper wrapper, PluginManifest manifest, List<String> problems) {
            manager.unloadPlugin(wrapper.getPluginId());
            fail(manifest, wrapper.getPluginPath(), problems);
        }

        private void fail(PluginManifest manifest, Path jar, List<String> problems) {
            statuses.put(jar, new PluginStatus(manifest, jar, PluginState.FAILED, Map.of(), problems));
        }

        /** Sorted names by kind, for the report. */
        private static Map<ExtensionKind<?>, List<String>> namesByKind(List<Found> extensions) {
            Map<ExtensionKind<?>, List<String>> names = new LinkedHashMap<>();
            extensions.stream().sorted(Comparator.comparing(Found::name))
                    .forEach(found -> names.computeIfAbsent(found.kind(), kind -> new ArrayList<>()).add(found.name()));
            return names;
        }
    }
}
