package dev.peft4j.core.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peft4j.core.data.report.DataReport;
import dev.peft4j.core.eval.ConfusionMatrix;
import dev.peft4j.core.eval.EvaluationResult;
import dev.peft4j.core.report.ParameterCounts;
import dev.peft4j.core.report.PeakMemory;
import dev.peft4j.core.report.ReportWriter;
import dev.peft4j.core.report.RunReport;
import dev.peft4j.core.report.Timing;
import dev.peft4j.core.report.TrainingHistory;
import dev.peft4j.core.train.TrainingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The files a finished run leaves beside its adapter: {@code metrics.json}, {@code manifest.json}, {@code report.html}. */
final class RunOutputs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunDirectory dir;
    private final RunSettings settings;
    private final DataReport data;
    private final ParameterCounts parameters;
    private final TrainingResult training;
    private final Map<String, Double> validation;
    private final EvaluationResult test;

    /**
     * @param validation the final model's validation metrics; empty without validation rows
     * @param test       null without test rows
     */
    RunOutputs(RunDirectory dir, RunSettings settings, DataReport data, ParameterCounts parameters,
               TrainingResult training, Map<String, Double> validation, EvaluationResult test) {
        this.dir = dir;
        this.settings = settings;
        this.data = data;
        this.parameters = parameters;
        this.training = training;
        this.validation = validation;
        this.test = test;
    }

    /** {@code {"validation": {...}, "test": {...}, "training": {...}, "parameters": {...}}}. */
    void writeMetrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("validation", validation);
        metrics.put("test", test == null ? Map.of() : test.metrics());
        metrics.put("training", trainingSummary(training));
        metrics.put("parameters", parameterSummary(parameters));
        dir.writeJson(RunDirectory.METRICS, metrics);
    }

    /** How training went, as metrics.json records it: steps, best checkpoint, tokens and speed. */
    static Map<String, Object> trainingSummary(TrainingResult training) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("steps", training.steps());
        run.put("stopped_early", training.stoppedEarly());
        run.put("best_metric", training.bestMetric());
        run.put("best_value", training.bestValue());
        run.put("best_step", training.bestStep());
        run.put("restored_best", training.restoredBest());
        run.put("tokens", training.tokens());
        run.put("training_seconds", training.trainingSeconds());
        run.put("tokens_per_second", training.tokensPerSecond());
        return run;
    }

    static Map<String, Object> parameterSummary(ParameterCounts parameters) {
        return Map.of("total", parameters.total(), "trainable", parameters.trainable(),
                "trainable_percent", 100 * parameters.trainableFraction());
    }

    void writeManifest(RunClock clock, double wallSeconds, long peakRss, BaseModel base, String method) {
        try {
            RunManifest manifest = new RunManifest(settings.config().source(), dir.dir().toString(),
                    settings.host().pipeline().seed(), base.nameOrPath() + (settings.model().randomInit()
                            ? " (random-init: weights replaced by random draws)" : ""),
                    method, RunManifest.currentVersions(), RunManifest.machineOf(clock), clock.startedAt().toString(),
                    Instant.now().toString(), wallSeconds,
                    training.trainingSeconds(), training.tokens(), training.tokensPerSecond(), peakRss,
                    parameters.total(), parameters.trainable(), JSON.readTree(settings.config().renderJson()));
            dir.writeJson(RunDirectory.MANIFEST, manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the resolved pipeline as JSON: " + e.getMessage(), e);
        }
    }

    void writeReport(double wallSeconds) {
        // Test scores first (the report's headline cards show the first ones), losses last.
        Map<String, Double> finalMetrics = new LinkedHashMap<>();
        Map<String, Double> testMetrics = test == null ? Map.of() : test.metrics();
        for (boolean losses : new boolean[] {false, true}) {
            testMetrics.forEach((k, v) -> {
                if (k.equals("loss") == losses) {
                    finalMetrics.put("test " + k, v);
                }
            });
            validation.forEach((k, v) -> {
                if (k.equals("loss") == losses) {
                    finalMetrics.put("validation " + k, v);
                }
            });
        }
        ConfusionMatrix confusion = test == null ? null : test.confusion().orElse(null);
        Map<String, Object> dataReport = JSON.convertValue(data, new TypeReference<Map<String, Object>>() { });
        RunReport report = new RunReport(settings.host().pipeline().name(), settings.config().render(), dataReport,
                parameters, TrainingHistory.fromLog(dir.file(RunDirectory.LOG)), finalMetrics, confusion,
                new Timing(wallSeconds, training.trainingSeconds(), training.tokens(), PeakMemory.bytes()));
        ReportWriter.write(dir.file(RunDirectory.REPORT), report);
    }
}
