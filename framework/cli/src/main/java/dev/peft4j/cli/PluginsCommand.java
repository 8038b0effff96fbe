package dev.peft4j.cli;

import dev.peft4j.core.plugin.PluginHost;
import dev.peft4j.core.plugin.PluginSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code peft4j plugins}: what the host loaded, and why it refused what it refused. */
@Command(
        name = "plugins",
        mixinStandardHelpOptions = true,
        description = {
            "Lists every plugin jar in the plugins folder: id, version, provider, state, jar, and the extensions it"
                    + " registered by kind and name, or why it was refused. Then the host's built-in extensions.",
            "Unlike every other command it does not stop at the first refused plugin: it lists them all."},
        footer = {"", "Exit code 2 when any plugin was refused (other commands refuse to start then)."})
final class PluginsCommand implements Callable<Integer> {

    @ParentCommand
    private Peft4jCommand root;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        try (PluginHost host = PluginHost.start(PluginSettings.from(root.hostConfig()))) {
            new PluginListing(host.report()).print(spec.commandLine().getOut());
            return host.report().hasProblems() ? ExitCodes.USAGE_OR_CONFIG : ExitCodes.OK;
        }
    }
}
