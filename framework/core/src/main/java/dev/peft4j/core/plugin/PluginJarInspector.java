package dev.peft4j.core.plugin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.pf4j.VersionManager;

/**
 * Checks a plugin jar before PF4J opens it, so that every refusal says what is wrong and what to do about it: the jar
 * must be readable, declare the required manifest entries, accept this host's SPI version in {@code Plugin-Requires},
 * and bundle no class of a {@linkplain SharedPackages shared package}.
 */
final class PluginJarInspector {

    private static final String VERSIONED_PREFIX = "META-INF/versions/";

    private final String spiVersion;
    private final VersionManager versions;

    PluginJarInspector(String spiVersion, VersionManager versions) {
        this.spiVersion = spiVersion;
        this.versions = versions;
    }

    /** What the jar declares, and every problem that makes the host refuse it (none when it may be loaded). */
    record Inspection(PluginManifest manifest, List<String> problems) {
    }

    Inspection inspect(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest == null) {
                return new Inspection(PluginManifest.UNREADABLE, List.of("the jar has no META-INF/MANIFEST.MF; a plugin"
                        + " jar declares " + String.join(", ", PluginManifest.REQUIRED_ENTRIES) + " in its manifest"));
            }
            PluginManifest declared = PluginManifest.of(manifest);
            List<String> problems = new ArrayList<>();
            checkEntries(declared, problems);
            checkRequires(declared, problems);
            checkPluginClass(declared, file, problems);
            checkBundledSharedPackages(file, problems);
            return new Inspection(declared, problems);
        } catch (IOException | SecurityException e) {
            return new Inspection(PluginManifest.UNREADABLE, List.of("the file is not a readable jar (" + e.getMessage()
                    + "); rebuild the plugin, or remove the file from the plugins folder"));
        }
    }

    private static void checkEntries(PluginManifest declared, List<String> problems) {
        List<String> missing = declared.missingEntries();
        if (!missing.isEmpty()) {
            problems.add("its manifest lacks " + String.join(", ", missing)
                    + "; add them to the jar's manifest (peft4j's plugins/pom.xml shows how a Maven build sets them)");
        }
    }

    private void checkRequires(PluginManifest declared, List<String> problems) {
        if (declared.requires() == null) {
            return;
        }
        boolean satisfied;
        try {
            satisfied = versions.checkVersionConstraint(spiVersion, declared.requires());
        } catch (RuntimeException e) {
            problems.add("its Plugin-Requires '" + declared.requires() + "' is not a semantic-version range such as ^"
                    + spiVersion + " (" + e.getMessage() + "); fix the manifest");
            return;
        }
        if (!satisfied) {
            problems.add("it requires SPI " + declared.requires() + " (Plugin-Requires) but this host provides SPI "
                    + spiVersion + "; install a build of the plugin made for SPI " + spiVersion);
        }
    }

    private static void checkPluginClass(PluginManifest declared, JarFile file, List<String> problems) {
        String pluginClass = declared.pluginClass();
        if (pluginClass == null || SharedPackages.prefixOfClass(pluginClass).isPresent()) {
            return;
        }
        if (file.getJarEntry(pluginClass.replace('.', '/') + ".class") == null) {
            problems.add("its Plugin-Class " + pluginClass + " is not in the jar; fix the manifest or add the class");
        }
    }

    private static void checkBundledSharedPackages(JarFile file, List<String> problems) {
        Map<String, String> exampleByPrefix = new LinkedHashMap<>();
        for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
            String name = unversioned(entries.nextElement().getName());
            if (name.endsWith(".class")) {
                SharedPackages.prefixOfResource(name).ifPresent(prefix -> exampleByPrefix.putIfAbsent(prefix, name));
            }
        }
        exampleByPrefix.forEach((prefix, example) -> problems.add("it bundles classes of the package " + prefix
                + " (e.g. " + example + "), which the host provides to every plugin; declare it provided"
                + " (Maven <scope>provided</scope>) so it is not packed into the plugin jar"));
    }

    /** {@code META-INF/versions/11/org/x/Y.class} → {@code org/x/Y.class}. */
    private static String unversioned(String name) {
        if (!name.startsWith(VERSIONED_PREFIX)) {
            return name;
        }
        int slash = name.indexOf('/', VERSIONED_PREFIX.length());
        return slash < 0 ? name : name.substring(slash + 1);
    }
}
