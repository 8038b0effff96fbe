package dev.peft4j.cli;

import dev.peft4j.core.config.PipelineConfig;
import dev.peft4j.core.plugin.PluginHost;
import dev.peft4j.core.run.BuiltinModels;
import dev.peft4j.core.run.PipelineLoading;
import dev.peft4j.core.run.PretrainRun;
import dev.peft4j.core.run.PretrainRunSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code peft4j pretrain}: continued pretraining of a base model on unlabelled text. */
@Command(
        name = "pretrain",
        mixinStandardHelpOptions = true,
        description = {
            "Continues pretraining a base model on your unlabelled text (domain adaptation): masked-LM for BERT,"
                    + " causal-LM for GPT-2 and the LLaMA family (pretrain.objective). The text (pretrain.text: text"
                    + " files, folders of .txt files, JSONL or CSV columns) is tokenized, joined and cut into blocks"
                    + " of pretrain.block-size tokens; a share of the documents is held out to measure loss and"
                    + " perplexity before and after training.",
            "Trains what method.type names, as in fine-tuning: every weight (full) or a method plugin's adapter, and"
                    + " writes the run folder <pipeline.run-dir>-<timestamp>: pipeline.conf, corpus-report.json,"
                    + " log.jsonl, metrics.json,"
                    + " manifest.json, report.html, model/ (a Hugging Face checkpoint folder; fine-tune it with"
                    + " `peft4j run` and model.path = <run folder>/model) and adapter/ for a method plugin."},
        footer = {"", "Exit codes: 0 the run finished, 2 the pipeline, its text or a plugin has a problem, 1 the run"
                + " failed."})
final class PretrainCommand implements Callable<Integer> {

    @ParentCommand
    private Peft4jCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "PIPELINE", description = "The pipeline file with a pretrain block: HOCON (.conf) or"
            + " JSON (.json).")
    private Path pipeline;

    @Option(names = "--resume", description = "Continue the newest run of this pipeline from its latest checkpoint"
            + " (the same as -D training.resume=true).")
    private boolean resume;

    @Override
    public Integer call() {
        try (PluginHost host = root.startPlugins()) {
            PipelineConfig config = PipelineLoading.loader(host).load(pipeline, root.overrideValues());
            PretrainRunSettings settings = PretrainRunSettings.from(config, pipeline.toAbsolutePath().getParent());
            PrintStream console = ConsoleStream.of(spec.commandLine().getOut());
            new PretrainRun(settings, host.extensions(), BuiltinModels.modelsDir(root.hostConfig()), console)
                    .execute(resume);
            console.flush();
            return ExitCodes.OK;
        }
    }
}
