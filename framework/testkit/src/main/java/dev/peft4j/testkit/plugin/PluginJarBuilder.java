package dev.peft4j.testkit.plugin;

import dev.peft4j.spi.SpiVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds a real PF4J plugin jar for a test: compiles Java sources against the test's class path with PF4J's annotation
 * processor (so {@code META-INF/extensions.idx} lists the {@code @Extension} classes, as in a Maven-built plugin),
 * writes the manifest and packs classes and resources. Every setter returns the builder; nothing is written before
 * {@link #buildInto(Path)}.
 *
 * <pre>{@code
 * Path jar = PluginJarBuilder.plugin("acme-schedules")
 *         .source("acme.HalfRateFactory", """
 *             package acme;
 *             @org.pf4j.Extension
 *             public class HalfRateFactory implements dev.peft4j.spi.schedule.LrScheduleFactory { ... }
 *             """)
 *         .resource("reference.conf", "acme.half-rate.factor = 0.5")
 *         .buildInto(pluginsDir);
 * }</pre>
 */
public final class PluginJarBuilder {

    private static final String PF4J_PROCESSOR = "org.pf4j.processor.ExtensionAnnotationProcessor";

    private final String id;
    private final Map<String, String> manifestEntries = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private boolean writeManifest = true;

    private PluginJarBuilder(String id) {
        this.id = id;
        manifestEntries.put("Plugin-Id", id);
        manifestEntries.put("Plugin-Version", "1.0.0");
        manifestEntries.put("Plugin-Provider", "peft4j testkit");
        manifestEntries.put("Plugin-Requires", "^" + SpiVersion.spi());
    }

    /** A plugin with this id, version 1.0.0, requiring the SPI this test runs against, and nothing in it yet. */
    public static PluginJarBuilder plugin(String id) {
        return new PluginJarBuilder(id);
    }

    public PluginJarBuilder version(String version) {
        return manifestEntry("Plugin-Version", version);
    }

    public PluginJarBuilder provider(String provider) {
        return manifestEntry("Plugin-Provider", provider);
    }

    /** The {@code Plugin-Requires} range of SPI versions, e.g. {@code ^0.1.0} or {@code >=2.0.0}. */
    public PluginJarBuilder requires(String range) {
        return manifestEntry("Plugin-Requires", range);
    }

    /** The {@code Plugin-Class}; without one PF4J uses {@code org.pf4j.Plugin}. */
    public PluginJarBuilder pluginClass(String className) {
        return manifestEntry("Plugin-Class", className);
    }

    public PluginJarBuilder manifestEntry(String name, String value) {
        manifestEntries.put(name, value);
        return this;
    }

    public PluginJarBuilder withoutManifestEntry(String name) {
        manifestEntries.remove(name);
        return this;
    }

    /** Leaves out {@code META-INF/MANIFEST.MF} altogether. */
    public PluginJarBuilder withoutManifest() {
        writeManifest = false;
        return this;
    }

    /** A Java source to compile into the jar, by its binary class name, e.g. {@code acme.LoraFactory}. */
    public PluginJarBuilder source(String className, String javaSource) {
        sources.put(className, javaSource);
        return this;
    }

    /** A file at {@code path} in the jar, e.g. {@code reference.conf}; it replaces a generated file of that path. */
    public PluginJarBuilder resource(String path, String content) {
        entries.put(path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Copies the class file of {@code type} from the class path into the jar, as a careless build would bundle it. */
    public PluginJarBuilder bundleClass(Class<?> type) {
        String path = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No class file for " + type.getName() + " on the class path");
            }
            entries.put(path, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Compiles and packs the plugin into {@code dir/<id>-<version>.jar}; returns the jar. */
    public Path buildInto(Path dir) {
        Path jar = dir.resolve(id + "-" + manifestEntries.getOrDefault("Plugin-Version", "unversioned") + ".jar");
        try {
            Files.createDirectories(dir);
            Map<String, byte[]> content = new LinkedHashMap<>(compile());
            content.putAll(entries);
            writeJar(jar, content);
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot build plugin jar " + jar, e);
        }
    }

    /** Writes bytes that are not a zip archive under a jar's name, as a truncated download would leave. */
    public static Path corruptJar(Path dir, String fileName) {
        try {
            Files.createDirectories(dir);
            byte[] notAZip = "PK this is not a zip archive".getBytes(StandardCharsets.US_ASCII);
            return Files.write(dir.resolve(fileName), notAZip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, byte[]> compile() throws IOException {
        if (sources.isEmpty()) {
            return Map.of();
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("No Java compiler: run the tests on a JDK, not a JRE");
        }
        Path classes = Files.createTempDirectory("peft4j-plugin-classes");
        try {
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            List<String> options = List.of("--release", "17", "-classpath", System.getProperty("java.class.path"),
                    "-processor", PF4J_PROCESSOR, "-d", classes.toString());
            List<JavaFileObject> units = new ArrayList<>();
            sources.forEach((name, text) -> units.add(new SourceText(name, text)));
            try (StandardJavaFileManager files =
                         compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
                boolean ok = compiler.getTask(null, files, diagnostics, options, null, units).call();
                if (!ok) {
                    throw new IllegalStateException(
                            "Plugin '" + id + "' does not compile: " + diagnostics.getDiagnostics());
                }
            }
            return readTree(classes);
        } finally {
            deleteTree(classes);
        }
    }

    private void writeJar(Path jar, Map<String, byte[]> content) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar);
             JarOutputStream zip = writeManifest ? new JarOutputStream(out, manifest()) : new JarOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : content.entrySet()) {
                zip.putNextEntry(new JarEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
    }

    private Manifest manifest() {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifestEntries.forEach((name, value) -> main.put(new Attributes.Name(name), value));
        return manifest;
    }

    private static Map<String, byte[]> readTree(Path root) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.put(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        return files;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static final class SourceText extends SimpleJavaFileObject {

        private final String text;

        SourceText(String className, String text) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
