package dev.peft4j.testkit.thirdparty;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import dev.peft4j.core.adapter.AdapterReader;
import dev.peft4j.core.adapter.AdapterWriter;
import dev.peft4j.core.adapter.SavedAdapter;
import dev.peft4j.core.extension.ExtensionOrigin;
import dev.peft4j.core.extension.ExtensionRegistry;
import dev.peft4j.core.model.Batch;
import dev.peft4j.core.model.Head;
import dev.peft4j.core.model.ModelGraph;
import dev.peft4j.core.plugin.HostPluginContext;
import dev.peft4j.core.plugin.PluginHost;
import dev.peft4j.core.plugin.PluginSettings;
import dev.peft4j.spi.FloatTensor;
import dev.peft4j.spi.method.TuningMethod;
import dev.peft4j.spi.method.TuningMethodFactory;
import dev.peft4j.testkit.model.FixedTask;
import dev.peft4j.testkit.model.TinyArchitecture;
import dev.peft4j.testkit.plugin.PluginJarBuilder;
import dev.peft4j.testkit.train.ContractTraining;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The out-of-tree IA3 example ({@code examples/third-party-ia3}, its own Maven project) compiled from its sources into
 * a plugin jar with the manifest its pom declares, dropped into a plugins folder and loaded by the host: {@code ia3}
 * is listed as a tuning method of that plugin, and the method, living in the plugin's own class loader, trains, saves
 * and loads on a host-built model.
 */
class ThirdPartyIa3PluginTest {

    private static final Path EXAMPLE = Path.of(System.getProperty("basedir", "."), "../../examples/third-party-ia3")
            .normalize();

    @TempDir
    Path plugins;

    @TempDir
    Path work;

    private static Path exampleJar(Path into) throws IOException {
        String pom = Files.readString(EXAMPLE.resolve("pom.xml"));
        PluginJarBuilder jar = PluginJarBuilder.plugin(manifestEntry(pom, "Plugin-Id"))
                .version(manifestEntry(pom, "Plugin-Version").replace("${project.version}", projectVersion(pom)))
                .provider(manifestEntry(pom, "Plugin-Provider"))
                .pluginClass(manifestEntry(pom, "Plugin-Class"));
        Path sources = EXAMPLE.resolve("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String className = sources.relativize(file).toString().replace('/', '.').replaceAll("\\.java$", "");
                jar.source(className, Files.readString(file));
            }
        }
        jar.resource("reference.conf", Files.readString(EXAMPLE.resolve("src/main/resources/reference.conf")));
        return jar.buildInto(into);
    }

    private static String projectVersion(String pom) {
        Matcher m = Pattern.compile("<artifactId>peft4j-ia3</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertThat(m.find()).as("the example's pom declares its version").isTrue();
        return m.group(1).trim();
    }

    private static String manifestEntry(String pom, String entry) {
        Matcher m = Pattern.compile("<" + entry + ">([^<]+)</" + entry + ">").matcher(pom);
        assertThat(m.find()).as("the example's pom declares %s", entry).isTrue();
        return m.group(1).trim();
    }

    @Test
    void theExamplePluginIsListedAndItsMethodTrainsSavesAndLoadsOnAHostModel() throws IOException {
        Path jar = exampleJar(plugins);
        assertThat(jar.getFileName()).hasToString("example-ia3-1.0.0.jar");
        try (PluginHost host = PluginHost.start(new PluginSettings(plugins))) {
            host.requireNoProblems();
            ExtensionRegistry<TuningMethodFactory> methods = host.extensions().tuningMethods();
            assertThat(methods.names()).contains("ia3");
            assertThat(methods.origin("ia3")).isEqualTo(ExtensionOrigin.plugin("example-ia3", jar));

            TuningMethodFactory ia3 = methods.get("ia3");
            assertThat(ia3.getClass().getClassLoader()).isNotSameAs(getClass().getClassLoader());
            assertThat(ia3.peftType()).isEqualTo("IA3");
            Config settings = host.referenceConfigs().get("example-ia3").getConfig("method.ia3");
            TuningMethod method = ia3.create(settings, new HostPluginContext("ia3", 1, work));

            TinyArchitecture gpt2 = TinyArchitecture.GPT2;
            Map<String, FloatTensor> weights = gpt2.weights(5);
            Batch batch = FixedTask.batch(Head.causalLm(), 64, 5);
            Path adapter = work.resolve("ia3-adapter");
            FloatTensor trained;
            try (ModelGraph model = gpt2.builder(weights, Head.causalLm(), 1).adapter("default", method).build()) {
                assertThat(model.adapterTensors("default")).containsKeys(
                        "base_model.model.transformer.h.0.attn.c_attn.ia3_l",
                        "base_model.model.transformer.h.1.mlp.c_proj.ia3_l");
                ContractTraining training = new ContractTraining(model, 0.05);
                double before = training.loss(batch);
                for (int i = 0; i < 10; i++) {
                    training.step(batch);
                }
                assertThat(training.loss(batch)).isLessThan(before);
                trained = model.evaluate(batch, model.logits());
                AdapterWriter.save(model, "default", adapter);
            }

            SavedAdapter saved = new AdapterReader(methods.entries().stream().map(ExtensionRegistry.Entry::factory)
                    .toList(), f -> new HostPluginContext(f.name(), 2, work)).read(adapter);
            assertThat(saved.methodName()).isEqualTo("ia3");
            try (ModelGraph loaded = SavedAdapter.build(gpt2.builder(weights, Head.causalLm(), 1),
                    Map.of("default", saved))) {
                assertThat(loaded.evaluate(batch, loaded.logits())).isEqualTo(trained);
            }
        }
    }
}
