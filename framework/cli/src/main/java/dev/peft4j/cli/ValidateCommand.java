package dev.peft4j.cli;

import dev.peft4j.core.config.ExtensionChoice;
import dev.peft4j.core.config.PipelineConfig;
import dev.peft4j.core.config.PipelineConfigLoader;
import dev.peft4j.core.extension.Extensions;
import dev.peft4j.core.plugin.PluginHost;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code peft4j validate}: checks a pipeline against every reference.conf without running it. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Checks a pipeline file against the host's and every loaded plugin's reference.conf and prints it fully"
                    + " resolved, each value with the file:line it came from.",
            "Otherwise lists every problem at once: file:line, the key, what was expected, and \"did you mean\" for a"
                    + " misspelled key. Unknown keys are errors."},
        footer = {"", "Exit code 2 when the pipeline has a problem or a plugin was refused."})
final class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    private Peft4jCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "PIPELINE", description = "The pipeline file: HOCON (.conf) or JSON (.json).")
    private Path pipeline;

    @Option(names = "--json", description = "Print the resolved pipeline as plain JSON, without origins.")
    private boolean json;

    @Override
    public Integer call() {
        try (PluginHost host = root.startPlugins()) {
            Extensions extensions = host.extensions();
            PipelineConfigLoader loader = PipelineConfigLoader.forHost(
                    List.copyOf(host.referenceConfigs().values()),
                    List.of(ExtensionChoice.tuningMethods(extensions.tuningMethods().names()),
                            ExtensionChoice.schedules(extensions.schedules().names()),
                            ExtensionChoice.metrics(extensions.metrics().names())));
            PipelineConfig config = loader.load(pipeline, root.overrideValues());
            spec.commandLine().getOut().println(json ? config.renderJson() : config.render());
            return ExitCodes.OK;
        }
    }
}
