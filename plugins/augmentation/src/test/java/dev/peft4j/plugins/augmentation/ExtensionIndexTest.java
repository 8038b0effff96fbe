package dev.peft4j.plugins.augmentation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peft4j.core.plugin.HostPluginContext;
import dev.peft4j.spi.data.AugmenterFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** PF4J finds extensions only through the index its annotation processor writes; reference.conf must match them. */
class ExtensionIndexTest {

    private static final List<String> NAMES =
            List.of("synonym-replacement", "random-insertion", "random-swap", "random-deletion", "char-noise");

    @Test
    void indexesTheFiveAugmenterFactoriesUnderTheirNames() throws Exception {
        List<String> indexed = extensionIndex();

        assertThat(indexed).hasSize(5);
        List<String> names = indexed.stream().map(ExtensionIndexTest::factory).map(AugmenterFactory::name).toList();
        assertThat(names).containsExactlyInAnyOrderElementsOf(NAMES);
    }

    @Test
    void everyIndexedFactoryCreatesItsAugmenterFromTheShippedDefaults() throws Exception {
        for (String className : extensionIndex()) {
            AugmenterFactory factory = factory(className);
            assertThat(factory.create(PluginDefaults.of(factory.settingsPath()), new HostPluginContext("augmentation", 1, Path.of("target"))))
                    .as(factory.name()).isNotNull();
        }
    }

    @Test
    void referenceConfHasOneBlockPerAugmenterAndNothingElse() {
        Set<String> blocks = PluginDefaults.referenceConf().getConfig(SettingsReader.BLOCK).root().keySet();

        assertThat(blocks).containsExactlyInAnyOrderElementsOf(NAMES);
    }

    private static List<String> extensionIndex() throws IOException {
        try (InputStream in = AugmentationPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI()
                .resolve("META-INF/extensions.idx").toURL().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .toList();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AugmenterFactory factory(String className) {
        try {
            return (AugmenterFactory) Class.forName(className).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("indexed extension " + className + " cannot be instantiated", e);
        }
    }
}
