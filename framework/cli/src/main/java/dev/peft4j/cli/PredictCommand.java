package dev.peft4j.cli;

import dev.peft4j.core.eval.EvaluationResult;
import dev.peft4j.core.run.FilePrediction;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code peft4j predict}: a trained model's predictions for unlabelled rows. */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        description = {
            "Predicts unlabelled rows in batches and writes predictions.tsv (text, predicted class and the class"
                    + " probabilities, or the predicted value), in the input's order.",
            "INPUT: .jsonl (the run's text field), .csv/.tsv (the run's text column, by header name or index), or"
                    + " any other file with one text per line (a sentence pair as two texts separated by a tab)."
                    + " Texts are cleaned and truncated as in the run."},
        footer = {"", "Exit codes: 0 predicted, 2 a bad argument or setting, 1 the prediction failed."})
final class PredictCommand implements Callable<Integer> {

    @ParentCommand
    private Peft4jCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A run folder or an adapter folder.")
    private Path model;

    @Parameters(index = "1", paramLabel = "INPUT", description = "The rows to predict.")
    private Path input;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "predictions.tsv",
            description = "Where the predictions go (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Override
    public Integer call() {
        try (OpenedModel opened = OpenedModel.open(root, spec, model, input)) {
            PrintStream console = opened.console();
            EvaluationResult result = FilePrediction.run(opened.model(), input);
            result.writePredictions(out);
            console.printf(Locale.ROOT, "%,d rows predicted: %s%n", result.predictions().size(), out.toAbsolutePath());
            console.flush();
            return ExitCodes.OK;
        }
    }
}
