package dev.peft4j.testkit.plugin;

import static dev.peft4j.testkit.plugin.TestPlugins.scheduleJar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.typesafe.config.Config;
import dev.peft4j.core.extension.ExtensionKind;
import dev.peft4j.core.extension.ExtensionOrigin;
import dev.peft4j.core.extension.ExtensionRegistry;
import dev.peft4j.core.extension.UnknownExtensionException;
import dev.peft4j.core.inject.PluginModule;
import dev.peft4j.core.plugin.HostPluginContext;
import dev.peft4j.core.plugin.PluginHost;
import dev.peft4j.core.plugin.PluginLoadingException;
import dev.peft4j.core.plugin.PluginSettings;
import dev.peft4j.core.plugin.PluginStatus;
import dev.peft4j.spi.SpiVersion;
import dev.peft4j.spi.schedule.LrScheduleFactory;
import dev.peft4j.spi.schedule.TrainingHorizon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.PluginState;

/** The host's plugin-loading rules, exercised with real plugin jars built in a temporary plugins folder. */
class PluginHostLoadingTest {

    private static final TrainingHorizon HORIZON = new TrainingHorizon(0.01, 0, 100);

    @TempDir
    Path plugins;

    @TempDir
    Path work;

    private PluginHost host;

    @AfterEach
    void closeHost() {
        if (host != null) {
            host.close();
        }
    }

    private PluginHost start() {
        host = PluginHost.start(new PluginSettings(plugins));
        return host;
    }

    private PluginStatus status(String label) {
        return host.report().plugins().stream().filter(p -> p.label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void goodPluginRegistersItsExtensionWhichWorksAcrossTheClassLoaderBoundary() {
        Path jar = scheduleJar("acme-schedules", "half-rate").buildInto(plugins);

        start().requireNoProblems();

        PluginStatus acme = status("acme-schedules");
        assertThat(acme.state()).isEqualTo(PluginState.STARTED);
        assertThat(acme.jar()).isEqualTo(jar);
        assertThat(acme.manifest().version()).isEqualTo("1.0.0");
        assertThat(acme.manifest().provider()).isEqualTo("peft4j testkit");
        assertThat(acme.extensions()).containsExactly(Map.entry(ExtensionKind.LR_SCHEDULE, List.of("half-rate")));

        ExtensionRegistry<LrScheduleFactory> schedules = host.extensions().schedules();
        assertThat(schedules.origin("half-rate")).isEqualTo(ExtensionOrigin.plugin("acme-schedules", jar));
        Config reference = host.referenceConfigs().get("acme-schedules");
        assertThat(reference.origin().description()).contains(jar.getFileName().toString());
        double rate = schedules.get("half-rate")
                .create(reference, new HostPluginContext("half-rate", 7, work))
                .rate(3, HORIZON);
        assertThat(rate).isEqualTo(0.005);
    }

    @Test
    void unknownNameFailsListingWhatIsAvailable() {
        scheduleJar("acme-schedules", "half-rate").buildInto(plugins);
        start();

        assertThatThrownBy(() -> host.extensions().schedules().get("cosyne"))
                .isInstanceOf(UnknownExtensionException.class)
                .hasMessageStartingWith("No learning-rate schedule named 'cosyne'. Available: [")
                .hasMessageContaining("half-rate")
                .hasMessageContaining(BuiltInTestSchedule.NAME);
    }

    @Test
    void builtInsAreRegisteredFromTheHostClassPath() {
        start().requireNoProblems();

        assertThat(host.extensions().schedules().origin(BuiltInTestSchedule.NAME).isBuiltIn()).isTrue();
        assertThat(host.report().builtIns().get(ExtensionKind.LR_SCHEDULE)).contains(BuiltInTestSchedule.NAME);
    }

    @Test
    void secondPluginWithTheSameExtensionNameIsRefusedAndTheFirstKeepsIt() {
        Path first = scheduleJar("a-schedules", "half-rate").buildInto(plugins);
        Path second = scheduleJar("b-schedules", "half-rate").buildInto(plugins);

        start();

        assertThat(status("a-schedules").state()).isEqualTo(PluginState.STARTED);
        PluginStatus refused = status("b-schedules");
        assertThat(refused.state()).isEqualTo(PluginState.FAILED);
        assertThat(refused.describedProblems()).singleElement().asString()
                .contains("'b-schedules'", second.toString(), "learning-rate schedule 'half-rate'",
                        "already provided by plugin 'a-schedules' (" + first + ")");
        assertThat(host.extensions().schedules().origin("half-rate").plugin()).contains("a-schedules");
    }

    @Test
    void pluginReusingABuiltInNameIsRefused() {
        scheduleJar("acme-schedules", BuiltInTestSchedule.NAME).buildInto(plugins);

        start();

        assertThat(status("acme-schedules").describedProblems()).singleElement().asString()
                .contains("'" + BuiltInTestSchedule.NAME + "' is already provided by the host (built-in)");
        assertThat(host.extensions().schedules().origin(BuiltInTestSchedule.NAME).isBuiltIn()).isTrue();
    }

    @Test
    void pluginThatBundlesTensorFlowIsRefusedAndToldToDeclareItProvided() {
        Path jar = scheduleJar("fat-plugin", "fat-rate").bundleClass(org.tensorflow.Tensor.class).buildInto(plugins);

        start();

        PluginStatus fat = status("fat-plugin");
        assertThat(fat.state()).isEqualTo(PluginState.FAILED);
        assertThat(fat.describedProblems()).singleElement().asString()
                .contains("'fat-plugin'", jar.toString(), "org.tensorflow", "org/tensorflow/Tensor.class",
                        "declare it provided");
        assertThat(host.extensions().schedules().find("fat-rate")).isEmpty();
    }

    @Test
    void pluginWhosePluginRequiresExcludesThisSpiIsRefused() {
        Path jar = scheduleJar("future-plugin", "future-rate").requires(">=99.0.0").buildInto(plugins);

        start();

        assertThat(status("future-plugin").describedProblems()).singleElement().asString()
                .contains("'future-plugin'", jar.toString(), "requires SPI >=99.0.0",
                        "this host provides SPI " + SpiVersion.spi());
    }

    @Test
    void pluginThatRegistersNoExtensionIsRefused() {
        PluginJarBuilder.plugin("empty-plugin").resource("reference.conf", "x = 1").buildInto(plugins);

        start();

        assertThat(status("empty-plugin").describedProblems()).singleElement().asString()
                .contains("'empty-plugin'", "registers no extension", "@org.pf4j.Extension");
    }

    @Test
    void corruptJarIsRefusedByItsPath() {
        Path jar = PluginJarBuilder.corruptJar(plugins, "truncated-download.jar");

        start();

        PluginStatus corrupt = status("truncated-download.jar");
        assertThat(corrupt.state()).isEqualTo(PluginState.FAILED);
        assertThat(corrupt.describedProblems()).singleElement().asString()
                .startsWith("Plugin jar " + jar + " was refused: the file is not a readable jar");
    }

    @Test
    void jarWithoutTheRequiredManifestEntriesIsRefusedNamingThem() {
        scheduleJar("sloppy-plugin", "sloppy-rate")
                .withoutManifestEntry("Plugin-Provider").withoutManifestEntry("Plugin-Requires")
                .buildInto(plugins);

        start();

        assertThat(status("sloppy-plugin").describedProblems()).singleElement().asString()
                .contains("manifest lacks Plugin-Provider, Plugin-Requires");
    }

    @Test
    void pluginCannotReachHostClassesOutsideTheSharedPackages() {
        PluginJarBuilder.plugin("nosy-plugin")
                .source("nosy.NosySchedule", """
                        package nosy;

                        @org.pf4j.Extension
                        public class NosySchedule implements dev.peft4j.spi.schedule.LrScheduleFactory {
                            private final Object hostInternals = dev.peft4j.core.extension.ExtensionKind.ALL;

                            public String name() {
                                return "nosy";
                            }

                            public dev.peft4j.spi.schedule.LrSchedule create(
                                    com.typesafe.config.Config settings, dev.peft4j.spi.PluginContext context) {
                                return (step, horizon) -> 0;
                            }
                        }
                        """)
                .buildInto(plugins);

        start();

        assertThat(status("nosy-plugin").describedProblems()).singleElement().asString()
                .contains("nosy.NosySchedule", "dev/peft4j/core/extension/ExtensionKind");
    }

    @Test
    void pluginClassesComeFromThePluginFirstEvenWhenTheHostHasTheSameClass() {
        // jackson-databind is on the host's class path; the plugin bundles its own class of the same name.
        PluginJarBuilder.plugin("private-lib")
                .source("com.fasterxml.jackson.databind.ObjectMapper", """
                        package com.fasterxml.jackson.databind;

                        public class ObjectMapper {
                            public static String whoAmI() {
                                return "plugin-copy";
                            }
                        }
                        """)
                .source("privlib.WhoSchedule", """
                        package privlib;

                        @org.pf4j.Extension
                        public class WhoSchedule implements dev.peft4j.spi.schedule.LrScheduleFactory {
                            public String name() {
                                return com.fasterxml.jackson.databind.ObjectMapper.whoAmI();
                            }

                            public dev.peft4j.spi.schedule.LrSchedule create(
                                    com.typesafe.config.Config settings, dev.peft4j.spi.PluginContext context) {
                                return (step, horizon) -> 0;
                            }
                        }
                        """)
                .buildInto(plugins);

        start().requireNoProblems();

        assertThat(host.extensions().schedules().names()).contains("plugin-copy");
    }

    @Test
    void pluginWhosePluginClassFailsToStartIsRefusedWithTheCause() {
        scheduleJar("crashy-plugin", "crashy-rate")
                .pluginClass("crashy.CrashyPlugin")
                .source("crashy.CrashyPlugin", """
                        package crashy;

                        public class CrashyPlugin extends org.pf4j.Plugin {
                            @Override
                            public void start() {
                                throw new IllegalStateException("no licence key found");
                            }
                        }
                        """)
                .buildInto(plugins);

        start();

        assertThat(status("crashy-plugin").describedProblems()).singleElement().asString()
                .contains("'crashy-plugin'", "no licence key found");
        assertThat(host.extensions().schedules().find("crashy-rate")).isEmpty();
    }

    @Test
    void pluginClassMissingFromTheJarIsRefused() {
        scheduleJar("typo-plugin", "typo-rate").pluginClass("typo.TypoPlugn").buildInto(plugins);

        start();

        assertThat(status("typo-plugin").describedProblems()).singleElement().asString()
                .contains("Plugin-Class typo.TypoPlugn is not in the jar");
    }

    @Test
    void pluginSwitchedOffInDisabledTxtIsListedAsDisabledWithoutAProblem() throws Exception {
        scheduleJar("resting-plugin", "resting-rate").buildInto(plugins);
        Files.writeString(plugins.resolve("disabled.txt"), "resting-plugin\n");

        start().requireNoProblems();

        assertThat(status("resting-plugin").state()).isEqualTo(PluginState.DISABLED);
        assertThat(host.extensions().schedules().find("resting-rate")).isEmpty();
    }

    @Test
    void missingPluginsFolderIsAHostProblem() {
        host = PluginHost.start(new PluginSettings(plugins.resolve("nowhere")));

        assertThat(host.report().hostProblems()).singleElement().asString()
                .contains(plugins.resolve("nowhere").toString(), "does not exist", "--plugins-dir");
    }

    @Test
    void hostKeepsRunningWithTheGoodPluginsAndStrictModeListsEveryProblem() {
        scheduleJar("good-plugin", "good-rate").buildInto(plugins);
        scheduleJar("fat-plugin", "fat-rate").bundleClass(org.tensorflow.Tensor.class).buildInto(plugins);
        scheduleJar("future-plugin", "future-rate").requires("^42.0.0").buildInto(plugins);
        PluginJarBuilder.plugin("empty-plugin").buildInto(plugins);
        PluginJarBuilder.corruptJar(plugins, "broken.jar");

        start();

        assertThat(host.report().plugins()).extracting(PluginStatus::label, PluginStatus::state).containsExactly(
                tuple("broken.jar", PluginState.FAILED),
                tuple("empty-plugin", PluginState.FAILED),
                tuple("fat-plugin", PluginState.FAILED),
                tuple("future-plugin", PluginState.FAILED),
                tuple("good-plugin", PluginState.STARTED));
        assertThat(host.extensions().schedules().names())
                .contains("good-rate").doesNotContain("fat-rate", "future-rate");
        assertThatThrownBy(host::requireNoProblems)
                .isInstanceOf(PluginLoadingException.class)
                .hasMessageStartingWith("4 plugin problems stop peft4j from starting:")
                .satisfies(e -> assertThat(((PluginLoadingException) e).problems()).hasSize(4));
    }

    @Test
    void guiceModuleProvidesTheRegistriesAndThePluginManager() {
        scheduleJar("acme-schedules", "half-rate").buildInto(plugins);
        Injector injector = Guice.createInjector(new PluginModule(start().requireNoProblems()));

        ExtensionRegistry<LrScheduleFactory> schedules =
                injector.getInstance(Key.get(new TypeLiteral<ExtensionRegistry<LrScheduleFactory>>() { }));

        assertThat(schedules.names()).contains("half-rate", BuiltInTestSchedule.NAME);
        assertThat(injector.getInstance(org.pf4j.PluginManager.class).getPlugin("acme-schedules").getPluginState())
                .isEqualTo(PluginState.STARTED);
    }
}
