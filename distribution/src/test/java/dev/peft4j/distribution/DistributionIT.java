package dev.peft4j.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peft4j.spi.SpiVersion;
import dev.peft4j.testkit.plugin.PluginJarBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code bin/peft4j} of the assembled installation as a real process, as a user would. */
class DistributionIT {

    private static final Path HOME = Installation.HOME;
    private static final List<String> PLUGIN_IDS =
            List.of("peft4j-adapter", "peft4j-augmentation", "peft4j-lora", "peft4j-prompt-tuning");

    private static Installation.Result peft4j(String... args) throws IOException, InterruptedException {
        return Installation.run(Path.of("").toAbsolutePath(), 120, args);
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void installationHasOneJarPerPluginAndNoPluginInLib() throws IOException {
        assertThat(fileNames(HOME.resolve("plugins"))).hasSize(PLUGIN_IDS.size()).allMatch(n -> n.endsWith(".jar"));
        assertThat(fileNames(HOME.resolve("lib")))
                .anyMatch(n -> n.startsWith("peft4j-cli-"))
                .noneMatch(n -> n.startsWith("peft4j-plugin-"))
                .noneMatch(n -> n.startsWith("kotlin"));
        assertThat(Files.isExecutable(HOME.resolve("bin/peft4j"))).isTrue();
        assertThat(HOME.resolve("conf/logback.xml")).exists();
        assertThat(HOME.resolveSibling(HOME.getFileName() + ".tar.gz")).exists();
    }

    @Test
    void versionNamesPeft4jAndTheSpi() throws Exception {
        Installation.Result result = peft4j("--version");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("peft4j " + SpiVersion.peft4j(), "SPI " + SpiVersion.spi());
    }

    @Test
    void pluginsListsTheFourPluginsStartedWithTheirExtensions() throws Exception {
        Installation.Result result = peft4j("plugins");

        assertThat(result.out()).contains("Plugins folder: " + HOME.resolve("plugins"));
        for (String id : PLUGIN_IDS) {
            assertThat(result.out()).contains(id + " " + SpiVersion.peft4j() + " by peft4j  STARTED");
        }
        assertThat(block(result.out(), "peft4j-lora")).containsPattern("tuning methods: .*\\blora\\b");
        assertThat(block(result.out(), "peft4j-adapter")).contains("tuning methods: ");
        assertThat(block(result.out(), "peft4j-prompt-tuning")).contains("tuning methods: ");
        assertThat(block(result.out(), "peft4j-augmentation")).contains("augmenters: ");
        assertThat(result.out()).contains("4 plugin(s): 4 started, 0 refused.");
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    }

    @Test
    void shippedPipelineTemplateValidatesAgainstTheShippedPlugins() throws Exception {
        Installation.Result result = peft4j("validate", HOME.resolve("conf/pipeline-template.conf").toString());

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).containsPattern("type = \"?lora\"?").contains("pipeline-template.conf:");
    }

    @Test
    void everyShippedExamplePipelineValidates() throws Exception {
        List<String> examples = fileNames(HOME.resolve("examples")).stream().filter(n -> n.endsWith(".conf")).toList();
        assertThat(examples).contains("sst2-lora.conf", "sst2-adapter.conf", "sst2-prompt-tuning.conf",
                "sst2-full.conf", "sms-spam-balanced-lora.conf", "trec-lora.conf", "stsb-regression-lora.conf",
                "sst2-domain-mlm.conf");

        List<String> args = new ArrayList<>(List.of("validate"));
        examples.forEach(name -> args.add(HOME.resolve("examples").resolve(name).toString()));
        Installation.Result result = peft4j(args.toArray(String[]::new));

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("builtin:all-minilm-l6-v2", "type = \"prompt-tuning\"", "type = \"full\"",
                "objective = \"masked-lm\"");
    }

    @Test
    void thirdPartyPluginDroppedIntoAPluginsFolderIsUsableWithoutRebuilding(@TempDir Path plugins) throws Exception {
        PluginJarBuilder.plugin("acme-schedules")
                .provider("Acme")
                .source("acme.ThirdPartyRate", """
                        package acme;

                        @org.pf4j.Extension
                        public class ThirdPartyRate implements dev.peft4j.spi.schedule.LrScheduleFactory {
                            public String name() {
                                return "third-party-rate";
                            }

                            public dev.peft4j.spi.schedule.LrSchedule create(
                                    com.typesafe.config.Config settings, dev.peft4j.spi.PluginContext context) {
                                return (step, horizon) -> horizon.peakRate() / 2;
                            }
                        }
                        """)
                .buildInto(plugins);

        Installation.Result result = peft4j("plugins", "--plugins-dir", plugins.toString());

        assertThat(result.out())
                .contains("acme-schedules 1.0.0 by Acme  STARTED", "learning-rate schedules: third-party-rate");
        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
    }

    @Test
    void unknownSubcommandExitsWithTwo() throws Exception {
        Installation.Result result = peft4j("trian");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Unmatched argument", "trian");
    }

    /** The lines of one plugin's block in the listing. */
    private static String block(String listing, String pluginId) {
        int start = listing.indexOf(pluginId + " ");
        assertThat(start).as("%s is listed", pluginId).isNotNegative();
        int end = listing.indexOf(System.lineSeparator() + System.lineSeparator(), start);
        return listing.substring(start, end < 0 ? listing.length() : end);
    }
}
