package dev.peft4j.core.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peft4j.core.pretrain.CorpusReport;
import dev.peft4j.core.pretrain.HeldOutLoss;
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
import java.util.List;
import java.util.Map;

/** The files a finished pretraining run leaves beside its model: metrics.json, manifest.json, report.html. */
final class PretrainOutputs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunDirectory dir;
    private final PretrainRunSettings settings;
    private final CorpusReport corpus;
    private final ParameterCounts parameters;
    private final TrainingResult training;
    private final Map<String, Double> before;
    private final Map<String, Double> after;

    PretrainOutputs(RunDirectory dir, PretrainRunSettings settings, CorpusReport corpus, ParameterCounts parameters,
                    TrainingResult training, Map<String, Double> before, Map<String, Double> after) {
        this.dir = dir;
        this.settings = settings;
        this.corpus = corpus;
        this.parameters = parameters;
        this.training = training;
        this.before = before;
        this.after = after;
    }

    /** {@code {"objective": ..., "held_out": {"before": {...}, "after": {...}}, "training": {...}, ...}}. */
    void writeMetrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("objective", corpus.objective());
        metrics.put("held_out", Map.of("before", before, "after", after));
        metrics.put("training", RunOutputs.trainingSummary(training));
        metrics.put("parameters", RunOutputs.parameterSummary(parameters));
        dir.writeJson(RunDirectory.METRICS, metrics);
    }

    void writeManifest(RunClock clock, double wallSeconds, long peakRss, BaseModel base, String method) {
        try {
            RunManifest manifest = new RunManifest(settings.config().source(), dir.dir().toString(),
                    settings.host().pipeline().seed(), base.nameOrPath() + (settings.model().randomInit()
                            ? " (random-init: weights replaced by random draws)" : ""),
                    method, RunManifest.currentVersions(), RunManifest.machineOf(clock), clock.startedAt().toString(),
                    Instant.now().toString(), wallSeconds, training.trainingSeconds(), training.tokens(),
                    training.tokensPerSecond(), peakRss, parameters.total(), parameters.trainable(),
                    JSON.readTree(settings.config().renderJson()));
            dir.writeJson(RunDirectory.MANIFEST, manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the resolved pipeline as JSON: " + e.getMessage(), e);
        }
    }

    void writeReport(double wallSeconds) {
        // Perplexity first: the report's headline cards show the first values
        Map<String, Double> headline = new LinkedHashMap<>();
        for (String metric : List.of(HeldOutLoss.PERPLEXITY, HeldOutLoss.LOSS)) {
            headline.put("held-out " + metric + " after", after.get(metric));
            headline.put("held-out " + metric + " before", before.get(metric));
        }
        Map<String, Object> corpusReport = JSON.convertValue(corpus, new TypeReference<Map<String, Object>>() { });
        RunReport report = new RunReport(settings.host().pipeline().name(), settings.config().render(), corpusReport,
                parameters, TrainingHistory.fromLog(dir.file(RunDirectory.LOG)), headline, null,
                new Timing(wallSeconds, training.trainingSeconds(), training.tokens(), PeakMemory.bytes()));
        ReportWriter.write(dir.file(RunDirectory.REPORT), report);
    }
}
