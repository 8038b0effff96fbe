package dev.peft4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peft4j.spi.SpiVersion;
import dev.peft4j.testkit.plugin.PluginJarBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class Peft4jCommandTest {

    @TempDir
    Path plugins;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = Peft4jCommand.commandLine();
        command.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        return command.execute(args);
    }

    private Path halfRatePlugin() {
        return PluginJarBuilder.plugin("acme-schedules")
                .provider("Acme")
                .source("acme.HalfRate", """
                        package acme;

                        @org.pf4j.Extension
                        public class HalfRate implements dev.peft4j.spi.schedule.LrScheduleFactory {
                            public String name() {
                                return "half-rate";
                            }

                            public dev.peft4j.spi.schedule.LrSchedule create(
                                    com.typesafe.config.Config settings, dev.peft4j.spi.PluginContext context) {
                                return (step, horizon) -> horizon.peakRate() / 2;
                            }
                        }
                        """)
                .buildInto(plugins);
    }

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: peft4j", "plugins", "--plugins-dir", "-D=KEY=VALUE",
                "Exit codes: 0 ok, 2 usage or configuration error, 1 run failure.");
    }

    @Test
    void everySubcommandHasHelp() {
        for (String subcommand : Peft4jCommand.commandLine().getSubcommands().keySet()) {
            out.getBuffer().setLength(0);
            assertThat(run(subcommand, "--help")).as(subcommand).isZero();
            assertThat(out.toString()).as(subcommand).contains("Usage: peft4j " + subcommand);
        }
    }

    @Test
    void versionNamesPeft4jAndTheSpi() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).contains("peft4j " + SpiVersion.peft4j(), "SPI " + SpiVersion.spi());
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        assertThat(run("trian")).isEqualTo(2);
        assertThat(err.toString()).contains("Unmatched argument", "trian");
    }

    @Test
    void noSubcommandIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing command: choose one of", "plugins");
    }

    @Test
    void pluginsListsEachPluginWithItsExtensionsAndTheBuiltIns() {
        Path jar = halfRatePlugin();

        assertThat(run("plugins", "--plugins-dir", plugins.toString())).isZero();

        assertThat(out.toString()).contains(
                "Plugins folder: " + plugins + " (host SPI " + SpiVersion.spi() + ")",
                "acme-schedules 1.0.0 by Acme  STARTED",
                "  jar: " + jar,
                "  learning-rate schedules: half-rate",
                "Built-in extensions of the host:",
                "1 plugin(s): 1 started, 0 refused.");
    }

    @Test
    void pluginsFolderMayBeGivenBeforeTheSubcommandOrAsASetting() {
        halfRatePlugin();

        assertThat(run("--plugins-dir", plugins.toString(), "plugins")).isZero();
        assertThat(run("-D", "peft4j.plugins.dir=" + plugins, "plugins")).isZero();
        assertThat(out.toString().split("acme-schedules 1.0.0", -1)).hasSize(3);
    }

    @Test
    void pluginsListsRefusedPluginsWithTheirCauseAndExitsWithTwo() {
        halfRatePlugin();
        PluginJarBuilder.corruptJar(plugins, "broken.jar");

        assertThat(run("plugins", "--plugins-dir", plugins.toString())).isEqualTo(2);

        assertThat(out.toString()).contains(
                "broken.jar ? by ?  FAILED",
                "  cause: the file is not a readable jar",
                "acme-schedules 1.0.0 by Acme  STARTED",
                "1 refused. Other peft4j commands refuse to start");
    }
}
