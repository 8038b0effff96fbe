package dev.peft4j.core.run;

import dev.peft4j.core.adapter.AdapterWriter;
import dev.peft4j.core.adapter.MergedCheckpoint;
import dev.peft4j.core.config.EvaluationSettings;
import dev.peft4j.core.data.DataPipeline;
import dev.peft4j.core.data.PreparedData;
import dev.peft4j.core.data.batch.Batcher;
import dev.peft4j.core.data.split.SplitName;
import dev.peft4j.core.eval.EvaluationResult;
import dev.peft4j.core.eval.Evaluator;
import dev.peft4j.core.extension.Extensions;
import dev.peft4j.core.method.FullFineTuning;
import dev.peft4j.core.model.Head;
import dev.peft4j.core.model.ModelBuilder;
import dev.peft4j.core.model.ModelGraph;
import dev.peft4j.core.model.ModelOptions;
import dev.peft4j.core.model.TensorFlowDevice;
import dev.peft4j.core.report.PeakMemory;
import dev.peft4j.core.report.TrainingHistory;
import dev.peft4j.core.train.Trainer;
import dev.peft4j.core.train.TrainingResult;
import dev.peft4j.core.train.Validation;
import dev.peft4j.core.train.progress.JsonlLog;
import dev.peft4j.core.train.progress.ProgressBar;
import dev.peft4j.spi.method.TuningMethod;
import dev.peft4j.spi.metric.Metric;
import dev.peft4j.spi.metric.TaskType;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One execution of a pipeline: prepare the data, open the base model, inject the tuning method, train, evaluate on
 * validation and test, save the adapter (or, for {@code full}, the whole model), and write the run folder:
 * {@code pipeline.conf}, {@code data-report.json}, {@code log.jsonl}, {@code metrics.json}, {@code predictions.tsv},
 * {@code manifest.json} and {@code report.html} (see {@link RunDirectory}).
 *
 * <pre>{@code
 * RunSettings settings = RunSettings.from(loader.load(file, overrides), file.getParent());
 * RunResult result = new PipelineRun(settings, extensions, modelsDir, System.out).execute(false);
 * }</pre>
 */
public final class PipelineRun {

    /** The one adapter a pipeline run trains. */
    public static final String ADAPTER = "default";

    private final RunSettings settings;
    private final Extensions extensions;
    private final Path modelsDir;
    private final PrintStream console;

    /**
     * @param modelsDir where built-in base models are imported ({@code peft4j.models.dir})
     * @param console   where progress and results are printed for the user
     */
    public PipelineRun(RunSettings settings, Extensions extensions, Path modelsDir, PrintStream console) {
        this.settings = settings;
        this.extensions = extensions;
        this.modelsDir = modelsDir;
        this.console = console;
    }

    /** @param resume continue the newest run of this pipeline from its latest checkpoint */
    public RunResult execute(boolean resume) {
        RunClock clock = RunClock.start();
        boolean resuming = resume || settings.host().training().resume();
        RunDirectory dir = RunDirectory.forRun(settings.host(), settings.runDirTimestamp(), resuming, settings.config(),
                console);
        long seed = settings.host().pipeline().seed();
        RunExtensions runExtensions = new RunExtensions(extensions, seed, dir.file("extensions"));
        Path work = TemporaryFolder.create("peft4j-run-");
        try (PreparedData data = DataPipeline.prepare(settings.data(), runExtensions.augmenters(settings.root()),
                work);
                BaseModel base = BaseModel.open(settings.model(), settings.baseDir(), modelsDir, seed, console)) {
            data.labels().ifPresent(labels -> labels.save(dir.file(RunDirectory.LABELS)));
            return train(dir, data, base, runExtensions, work, resuming, clock);
        } finally {
            TemporaryFolder.delete(work);
        }
    }

    private RunResult train(RunDirectory dir, PreparedData data, BaseModel base, RunExtensions runExtensions,
                            Path work, boolean resuming, RunClock clock) {
        EvaluationSettings evaluation = settings.host().evaluation();
        int batchSize = settings.host().training().batchSize();
        Batcher batcher = new Batcher(settings.data().batching(), settings.data().seed(), base.tokenizer());
        TaskType task = data.task();
        List<String> classNames = data.labels().map(l -> l.names()).orElse(List.of());
        Head head = task == TaskType.REGRESSION ? Head.regression() : Head.classification(classNames.size());
        ModelOptions options = ModelOptions.fromConfig(settings.root().getConfig("model"), head,
                settings.host().pipeline().seed());
        TuningMethod method = runExtensions.method(settings.root());
        try (TokenizedSplits splits = TokenizedSplits.tokenize(data, base.tokenizer(), batcher,
                settings.data().batching().maxLength(), settings.data().batching().bucketing(), batchSize,
                evaluation.batchSize(), settings.data().histogramBinWidth(), work);
                ModelGraph graph = ModelBuilder.create(base.config(), base.weights(), options)
                        .tokenizer(base.tokenizer()).modelNameOrPath(base.nameOrPath())
                        .classWeights(data.classWeights().orElse(null))
                        .adapter(ADAPTER, method).build()) {
            dir.writeString(RunDirectory.DATA_REPORT, splits.report().toJson());
            ParameterReport parameters = ParameterReport.of(graph);
            console.println(parameters.line());
            TensorFlowDevice.cpuFallbackWarning().ifPresent(console::println);

            GraphModel<TokenBatch> model = new GraphModel<>(graph, task, classNames);
            List<Metric> metrics = runExtensions.metrics(evaluation);
            Evaluator<TokenBatch> evaluator = new Evaluator<>(model, evaluation.batchSize());
            TokenizedSource validationRows = splits.source(SplitName.VALIDATION).sortedByLength();
            Validation validation = validationRows.size() > 0 ? evaluator.validation(validationRows, metrics) : null;
            JsonlLog log = new JsonlLog(dir.file(RunDirectory.LOG));
            Trainer<TokenBatch> trainer = TrainerAssembly.build(settings.host(), settings.optimizer(), resuming,
                    model, splits.source(SplitName.TRAIN), validation,
                    runExtensions.schedule(settings.host().training().schedule()), dir.dir(),
                    List.of(log, new ProgressBar(console, System.console() != null,
                            settings.optimizer().logEverySteps())));
            TrainingResult training;
            try {
                training = trainer.train();
            } finally {
                log.close();
            }

            Map<String, Double> validationMetrics = validation == null ? Map.of() : finalValidation(dir, training);
            print("validation", validationMetrics);
            EvaluationResult test = test(evaluator, splits.source(SplitName.TEST), metrics, dir);
            Path artifact = saveArtifact(dir, graph, method, base, classNames);

            double wallSeconds = clock.wallSeconds();
            RunOutputs outputs = new RunOutputs(dir, settings, splits.report(), parameters.counts(), training,
                    validationMetrics, test);
            outputs.writeMetrics();
            outputs.writeManifest(clock, wallSeconds, PeakMemory.bytes().orElse(-1), base, describe(method));
            outputs.writeReport(wallSeconds);
            console.println("Report: " + dir.file(RunDirectory.REPORT));
            return new RunResult(dir.dir(), training, validationMetrics, test == null ? Map.of() : test.metrics(),
                    parameters.total(), parameters.trainable(), wallSeconds, artifact);
        }
    }

    /**
     * The validation metrics of the final model, as the trainer measured them: at the best step when its weights were
     * restored, else at the last step (the trainer always evaluates the last step). Read from the log, which holds the
     * evaluations of a resumed run's earlier part too.
     */
    private static Map<String, Double> finalValidation(RunDirectory dir, TrainingResult training) {
        long step = training.restoredBest() ? training.bestStep() : training.steps();
        return TrainingHistory.fromLog(dir.file(RunDirectory.LOG)).evaluations().stream()
                .filter(e -> e.step() == step).reduce((first, second) -> second)
                .map(TrainingHistory.Evaluation::metrics)
                .orElseThrow(() -> new IllegalStateException(dir.file(RunDirectory.LOG) + " holds no evaluation at"
                        + " step " + step + ", where the trained weights were last evaluated"));
    }

    /** Evaluates the test rows, shortest first for less padding, and writes their predictions in input order. */
    private EvaluationResult test(Evaluator<TokenBatch> evaluator, TokenizedSource rows, List<Metric> metrics,
                                  RunDirectory dir) {
        if (rows.size() == 0) {
            return null;
        }
        TokenizedSource sorted = rows.sortedByLength();
        EvaluationResult result = InputOrder.restore(evaluator.evaluate(sorted, metrics), sorted.order());
        result.writePredictions(dir.file(RunDirectory.PREDICTIONS));
        print("test", result.metrics());
        return result;
    }

    private void print(String split, Map<String, Double> metrics) {
        if (!metrics.isEmpty()) {
            console.println(split + ": " + metrics.entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s %.4f", e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", ")));
        }
    }

    /**
     * The adapter in the PEFT layout (with the task head in {@code modules_to_save}); for full fine-tuning, which
     * trains every weight, the whole model as a Hugging Face checkpoint folder.
     */
    private Path saveArtifact(RunDirectory dir, ModelGraph graph, TuningMethod method, BaseModel base,
                              List<String> classNames) {
        if (method instanceof FullFineTuning) {
            Path target = dir.file(RunDirectory.MODEL);
            graph.setActiveAdapters(List.of()); // full fine-tuning has no hooks: its weights are the base weights
            MergedCheckpoint.write(graph, base.dir(), target, classNames);
            console.println("Model: " + target);
            return target;
        }
        Path target = dir.file(RunDirectory.ADAPTER);
        AdapterWriter.save(graph, ADAPTER, target);
        console.println("Adapter: " + target);
        return target;
    }

    private String describe(TuningMethod method) {
        String type = settings.root().getString("method.type");
        return type + " from " + extensions.tuningMethods().origin(type) + " (" + method.getClass().getName() + ")";
    }
}
