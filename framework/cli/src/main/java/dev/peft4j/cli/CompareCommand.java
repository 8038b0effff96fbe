package dev.peft4j.cli;

import com.typesafe.config.Config;
import dev.peft4j.core.eval.PredictionTable;
import dev.peft4j.core.eval.PredictionsTsv;
import dev.peft4j.core.eval.compare.ComparisonOptions;
import dev.peft4j.core.eval.compare.ComparisonResult;
import dev.peft4j.core.eval.compare.McNemar;
import dev.peft4j.core.eval.compare.PairedComparison;
import dev.peft4j.core.eval.compare.PairedMetric;
import dev.peft4j.core.eval.compare.PairedMetrics;
import dev.peft4j.core.run.RunDirectory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code peft4j compare}: A/B comparison of two runs on the same test rows. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Compares two runs (A and B) on the same test rows, from their predictions.tsv: each model's score, the"
                    + " difference B - A with a paired bootstrap confidence interval, and for classification"
                    + " McNemar's exact test on the rows only one of them got right. Says plainly which is better"
                    + " and how sure that is.",
            "Settings: peft4j.compare.{confidence, bootstrap-samples, alpha, seed} (-D to change them)."},
        footer = {"", "Exit codes: 0 compared, 2 the runs cannot be compared (different rows, labels or tasks)."})
final class CompareCommand implements Callable<Integer> {

    @ParentCommand
    private Peft4jCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_A", description = "Run folder (or its predictions.tsv) of model A.")
    private Path runA;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "Run folder (or its predictions.tsv) of model B.")
    private Path runB;

    @Option(names = "--metric", paramLabel = "NAME", description = "The score compared: accuracy or macro-f1"
            + " (classification; default accuracy), spearman or pearson (regression; default spearman).")
    private String metric;

    @Override
    public Integer call() {
        PredictionTable a = read(runA);
        PredictionTable b = read(runB);
        ComparisonOptions options = options(root.hostConfig().getConfig("peft4j.compare"));
        ComparisonResult result;
        try {
            result = PairedComparison.compare(a, b, metric(a), options);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        print(result, spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    private PredictionTable read(Path run) {
        Path file = Files.isDirectory(run) ? run.resolve(RunDirectory.PREDICTIONS) : run;
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), file + " does not exist: give a run folder of"
                    + " `peft4j run` or a predictions.tsv written by `peft4j run` or `peft4j evaluate`");
        }
        try {
            return PredictionsTsv.read(file);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private PairedMetric metric(PredictionTable a) {
        if (metric == null) {
            return PairedMetrics.defaultFor(a.task());
        }
        return switch (metric.toLowerCase(Locale.ROOT)) {
            case "accuracy" -> PairedMetrics.ACCURACY;
            case "macro-f1", "f1-macro" -> PairedMetrics.MACRO_F1;
            case "spearman" -> PairedMetrics.SPEARMAN;
            case "pearson" -> PairedMetrics.PEARSON;
            default -> throw new ParameterException(spec.commandLine(), "--metric " + metric
                    + " is not one of accuracy, macro-f1, spearman, pearson");
        };
    }

    private static ComparisonOptions options(Config compare) {
        return new ComparisonOptions(compare.getDouble("confidence"), compare.getInt("bootstrap-samples"),
                compare.getLong("seed"), compare.getDouble("alpha"));
    }

    private void print(ComparisonResult r, PrintWriter out) {
        out.printf(Locale.ROOT, "A: %s%nB: %s%n", runA, runB);
        out.printf(Locale.ROOT, "%d rows; %s: A %s, B %s%n", r.rows(), r.metric().name(), value(r, r.valueA()),
                value(r, r.valueB()));
        out.printf(Locale.ROOT, "B - A: %s (%s%% bootstrap interval %s to %s, %,d resamples)%n",
                value(r, r.difference()), trim(r.options().confidence() * 100), value(r, r.interval().low()),
                value(r, r.interval().high()), r.options().bootstrapSamples());
        McNemar m = r.mcNemar();
        if (m != null) {
            out.printf(Locale.ROOT, "Rows only A got right: %d; only B: %d; McNemar exact p = %.4g%n", m.onlyA(),
                    m.onlyB(), r.pValue());
        }
        out.println(r.sentence());
        out.flush();
    }

    private static String value(ComparisonResult r, double v) {
        return r.metric().inPoints() ? String.format(Locale.ROOT, "%.2f%%", v * 100)
                : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
