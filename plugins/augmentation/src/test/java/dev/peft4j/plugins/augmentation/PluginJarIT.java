package dev.peft4j.plugins.augmentation;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.peft4j.core.plugin.HostPluginContext;
import dev.peft4j.spi.SpiVersion;
import dev.peft4j.spi.data.Augmenter;
import dev.peft4j.spi.data.AugmenterFactory;
import dev.peft4j.spi.data.Example;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * The packaged plugin jar, as the distribution ships it: one jar, nothing the host shares, and loadable by PF4J with
 * WordNet read from inside it (extJWNL is kept off this test's class path, so nothing else could supply it).
 */
class PluginJarIT {

    /** Packages the host loads parent-first and refuses to find inside a plugin jar. */
    private static final List<String> SHARED_PACKAGES = List.of("dev/peft4j/spi/", "org/tensorflow/", "org/bytedeco/",
            "com/google/protobuf/", "com/typesafe/config/", "com/google/inject/", "jakarta/inject/", "javax/inject/",
            "org/slf4j/", "org/pf4j/");

    private static final Path JAR = Path.of(System.getProperty("peft4j.plugin.jar",
            "target/peft4j-plugin-augmentation-0.1.0-SNAPSHOT.jar"));

    @Test
    void bundlesNoClassOfAPackageTheHostShares() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> shared = Collections.list(jar.entries()).stream()
                    .map(JarEntry::getName)
                    .map(name -> name.replaceFirst("^META-INF/versions/\\d+/", ""))
                    .filter(name -> SHARED_PACKAGES.stream().anyMatch(name::startsWith))
                    .toList();
            assertThat(shared).as("shared classes bundled in %s", JAR).isEmpty();
        }
    }

    @Test
    void carriesThePluginManifestTheExtensionIndexItsDefaultsAndWordNet() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertThat(manifest.getValue("Plugin-Id")).isEqualTo("peft4j-augmentation");
            assertThat(manifest.getValue("Plugin-Class")).isEqualTo(AugmentationPlugin.class.getName());
            assertThat(manifest.getValue("Plugin-Version")).isNotBlank();
            assertThat(manifest.getValue("Plugin-Requires")).isNotBlank();
            assertThat(read(jar, "META-INF/extensions.idx").lines().filter(line -> !line.startsWith("#")))
                    .hasSize(5);
            assertThat(read(jar, "reference.conf")).contains("data.augment", "synonym-replacement", "char-noise");
            assertThat(jar.getEntry("net/sf/extjwnl/dictionary/Dictionary.class")).isNotNull();
            assertThat(jar.getEntry("net/sf/extjwnl/data/wordnet/wn31/data.noun")).isNotNull();
        }
    }

    @Test
    void pf4jLoadsThePluginAndItsSynonymsComeFromTheWordNetInsideTheJar(@TempDir Path plugins) throws IOException {
        Files.copy(JAR, plugins.resolve(JAR.getFileName()));
        PluginManager manager = new JarPluginManager(plugins);
        manager.setSystemVersion(SpiVersion.spi());
        manager.loadPlugins();
        manager.startPlugins();
        try {
            PluginWrapper plugin = manager.getPlugin("peft4j-augmentation");
            assertThat(plugin).as("plugin loaded from %s", plugins).isNotNull();
            assertThat(plugin.getPluginState()).as("state; failure: %s", plugin.getFailedException())
                    .isEqualTo(PluginState.STARTED);

            List<AugmenterFactory> factories = manager.getExtensions(AugmenterFactory.class, plugin.getPluginId());
            assertThat(factories).extracting(AugmenterFactory::name).containsExactlyInAnyOrder(
                    "synonym-replacement", "random-insertion", "random-swap", "random-deletion", "char-noise");
            assertThat(factories).allSatisfy(factory ->
                    assertThat(factory.getClass().getClassLoader()).isSameAs(plugin.getPluginClassLoader()));

            AugmenterFactory synonyms = factories.stream()
                    .filter(factory -> factory.name().equals("synonym-replacement")).findFirst().orElseThrow();
            Config defaults = ConfigFactory.parseResources(plugin.getPluginClassLoader(), "reference.conf")
                    .getConfig("data.augment." + synonyms.settingsPath());
            long start = System.nanoTime();
            Augmenter augmenter = synonyms.create(defaults, new HostPluginContext("augmentation", 1, plugins));
            List<Example> variants = augmenter.augment(new Example("x", "a good film", null, "1"), 4,
                    new SplittableRandom(1));
            System.out.printf("WordNet loaded from %s (%,d bytes) and first augmentation in %d ms%n",
                    JAR.getFileName(), Files.size(JAR), (System.nanoTime() - start) / 1_000_000);

            assertThat(variants).hasSize(4).allSatisfy(variant ->
                    assertThat(variant.text()).isNotEqualTo("a good film").startsWith("a "));
        } finally {
            manager.stopPlugins();
            manager.unloadPlugins();
        }
    }

    private static String read(JarFile jar, String entry) throws IOException {
        JarEntry found = jar.getJarEntry(entry);
        assertThat(found).as("%s in %s", entry, JAR).isNotNull();
        try (InputStream in = jar.getInputStream(found)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
