package dev.peft4j.cli;

import dev.peft4j.core.config.PipelineConfig;
import dev.peft4j.core.plugin.PluginHost;
import dev.peft4j.core.run.BuiltinModels;
import dev.peft4j.core.run.PipelineLoading;
import dev.peft4j.core.run.PipelineRun;
import dev.peft4j.core.run.RunSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code peft4j run}: one pipeline, from data to report. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a pipeline: prepares the data, loads the base model (importing a builtin: model once), injects the"
                    + " tuning method, trains, evaluates on the validation and test splits, and saves the adapter.",
            "Writes the run folder <pipeline.run-dir>-<timestamp>: pipeline.conf, data-report.json, log.jsonl,"
                    + " metrics.json, predictions.tsv, manifest.json, report.html and adapter/ (model/ for method"
                    + " full)."},
        footer = {"", "Exit codes: 0 the run finished, 2 the pipeline or a plugin has a problem, 1 the run failed."})
final class RunCommand implements Callable<Integer> {

    @ParentCommand
    private Peft4jCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "PIPELINE", description = "The pipeline file: HOCON (.conf) or JSON (.json).")
    private Path pipeline;

    @Option(names = "--resume", description = "Continue the newest run of this pipeline from its latest checkpoint"
            + " (the same as -D training.resume=true).")
    private boolean resume;

    @Override
    public Integer call() {
        try (PluginHost host = root.startPlugins()) {
            PipelineConfig config = PipelineLoading.loader(host).load(pipeline, root.overrideValues());
            RunSettings settings = RunSettings.from(config, pipeline.toAbsolutePath().getParent());
            PrintStream console = ConsoleStream.of(spec.commandLine().getOut());
            new PipelineRun(settings, host.extensions(), BuiltinModels.modelsDir(root.hostConfig()), console)
                    .execute(resume);
            console.flush();
            return ExitCodes.OK;
        }
    }
}
