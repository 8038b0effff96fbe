package dev.peft4j.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.peft4j.core.plugin.PluginHost;
import dev.peft4j.core.plugin.PluginLoadingException;
import dev.peft4j.core.plugin.PluginSettings;
import dev.peft4j.spi.SpiVersion;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code peft4j} command: global options, and one subcommand per task. */
@Command(
        name = "peft4j",
        mixinStandardHelpOptions = true,
        versionProvider = Peft4jCommand.Versions.class,
        description = "Parameter-efficient fine-tuning of transformer language models on the JVM.",
        subcommands = {RunCommand.class, PretrainCommand.class, EvaluateCommand.class, PredictCommand.class, CompareCommand.class,
            ImportCommand.class, PluginsCommand.class, ValidateCommand.class, HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 2 usage or configuration error, 1 run failure."})
public final class Peft4jCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--plugins-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Folder of plugin jars (default: plugins/ of the installation, or -Dpeft4j.plugins.dir).")
    private Path pluginsDir;

    @Option(names = "-D", paramLabel = "KEY=VALUE", scope = ScopeType.INHERIT,
            description = "Overrides a setting, e.g. -D training.epochs=3 (repeatable; wins over files and JVM -D).")
    private Map<String, String> overrides = new LinkedHashMap<>();

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with peft4j's exit codes; tests run it with their own out and err writers. */
    public static CommandLine commandLine() {
        return new CommandLine(new Peft4jCommand()).setExecutionExceptionHandler(new ExitCodes.Handler());
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "Missing command: choose one of " + spec.subcommands().keySet());
    }

    /** {@code -D} overrides given on the command line, key path to value. */
    Map<String, String> overrideValues() {
        return Map.copyOf(overrides);
    }

    /**
     * The plugins of the plugins folder, loaded and started, for commands that need them to work.
     *
     * @throws PluginLoadingException listing every problem, when any plugin was refused
     */
    PluginHost startPlugins() {
        PluginHost host = PluginHost.start(PluginSettings.from(hostConfig()));
        try {
            return host.requireNoProblems();
        } catch (PluginLoadingException e) {
            host.close();
            throw e;
        }
    }

    /**
     * The host's settings: every {@code reference.conf} on the class path, overridden by JVM system properties, then by
     * {@code peft4j -D}, then by {@code --plugins-dir}.
     */
    Config hostConfig() {
        Config config = ConfigFactory.parseMap(overrides, "peft4j -D")
                .withFallback(ConfigFactory.defaultOverrides())
                .withFallback(ConfigFactory.defaultReference());
        if (pluginsDir != null) {
            config = ConfigFactory.parseMap(Map.of("peft4j.plugins.dir", pluginsDir.toAbsolutePath().toString()),
                    "--plugins-dir").withFallback(config);
        }
        return config.resolve();
    }

    /** {@code --version}: peft4j, the SPI plugins are built against, and the Java runtime. */
    static final class Versions implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "peft4j " + SpiVersion.peft4j(),
                "SPI " + SpiVersion.spi(),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
