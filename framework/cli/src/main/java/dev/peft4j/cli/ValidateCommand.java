package dev.peft4j.cli;

import dev.peft4j.core.config.PipelineConfig;
import dev.peft4j.core.config.PipelineConfigException;
import dev.peft4j.core.config.PipelineConfigLoader;
import dev.peft4j.core.plugin.PluginHost;
import dev.peft4j.core.run.PipelineLoading;
import dev.peft4j.core.run.PretrainRunSettings;
import dev.peft4j.core.run.RunSettings;
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
            "Checks a pipeline file against the host's and every loaded plugin's reference.conf, and every value as"
                    + " `peft4j run` reads it (as `peft4j pretrain` reads it when it lists pretrain.text.files), and"
                    + " prints it fully resolved, each value with the file:line it came from.",
            "Otherwise lists every problem at once: file:line, the key, what was expected, and \"did you mean\" for a"
                    + " misspelled key. Unknown keys are errors."},
        footer = {"", "Exit code 2 when the pipeline has a problem or a plugin was refused."})
final class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    private Peft4jCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "PIPELINE", arity = "1..*",
            description = "The pipeline file(s): HOCON (.conf) or JSON (.json). Several are checked one after another.")
    private List<Path> pipelines;

    @Option(names = "--json", description = "Print the resolved pipeline as plain JSON, without origins.")
    private boolean json;

    @Override
    public Integer call() {
        try (PluginHost host = root.startPlugins()) {
            PipelineConfigLoader loader = PipelineLoading.loader(host);
            if (pipelines.size() == 1) {
                print(check(loader, pipelines.get(0)));
                return ExitCodes.OK;
            }
            int exit = ExitCodes.OK;
            for (Path pipeline : pipelines) {
                try {
                    spec.commandLine().getOut().println("# " + pipeline);
                    print(check(loader, pipeline));
                } catch (PipelineConfigException e) {
                    spec.commandLine().getErr().println(spec.commandLine().getColorScheme().errorText(
                            pipeline + ": " + e.getMessage()));
                    exit = ExitCodes.USAGE_OR_CONFIG;
                }
            }
            return exit;
        }
    }

    /** Loads a pipeline and reads every settings record of a run (or of continued pretraining) from it. */
    private PipelineConfig check(PipelineConfigLoader loader, Path pipeline) {
        PipelineConfig config = loader.load(pipeline, root.overrideValues());
        Path baseDir = pipeline.toAbsolutePath().getParent();
        if (PretrainRunSettings.isPretraining(config)) {
            PretrainRunSettings.from(config, baseDir);
        } else {
            RunSettings.from(config, baseDir);
        }
        return config;
    }

    private void print(PipelineConfig config) {
        spec.commandLine().getOut().println(json ? config.renderJson() : config.render());
    }
}
