package dev.peft4j.cli;

import dev.peft4j.core.eval.EvaluationResult;
import dev.peft4j.core.run.FileEvaluation;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code peft4j evaluate}: a trained model scored on a labelled file. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Scores a trained model on a labelled data file with the run's metrics: the file is read as the run read"
                    + " its data (format, columns, encoding, cleaning, max length; -D changes any of them), every row"
                    + " kept in order, and the run's classes keep their indices.",
            "MODEL is a run folder of `peft4j run`, its adapter/ folder, or a stand-alone adapter folder in the"
                    + " Hugging Face PEFT layout (then the data settings are the defaults plus -D, the base model is"
                    + " the adapter's base_model_name_or_path, and the classes are 0..n-1 unless -D data.labels=[...])."},
        footer = {"", "Exit codes: 0 evaluated, 2 a bad argument or setting, 1 the evaluation failed."})
final class EvaluateCommand implements Callable<Integer> {

    @ParentCommand
    private Peft4jCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A run folder or an adapter folder.")
    private Path model;

    @Parameters(index = "1", paramLabel = "DATA", description = "The labelled file to score.")
    private Path data;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write every row's prediction to this"
            + " predictions.tsv (text, gold, predicted, class probabilities).")
    private Path out;

    @Override
    public Integer call() {
        try (OpenedModel opened = OpenedModel.open(root, spec, model, data)) {
            PrintStream console = opened.console();
            FileEvaluation evaluation = FileEvaluation.run(opened.model(), opened.host().extensions());
            EvaluationResult result = evaluation.result();
            PrintWriter writer = spec.commandLine().getOut();
            console.flush();
            writer.printf(Locale.ROOT, "%s: %,d rows scored%s%n", data, result.predictions().size(),
                    evaluation.data().badRows().isEmpty() ? "" : "; skipped " + evaluation.data().badRows());
            result.metrics().forEach((name, value) -> writer.printf(Locale.ROOT, "  %-14s %.4f%n", name, value));
            if (out != null) {
                result.writePredictions(out);
                writer.println("Predictions: " + out.toAbsolutePath());
            }
            writer.flush();
            return ExitCodes.OK;
        }
    }
}
