package dev.peft4j.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peft4j.core.eval.EvaluationResult;
import dev.peft4j.core.eval.Evaluator;
import dev.peft4j.core.train.Trainer;
import dev.peft4j.core.train.TrainingResult;
import dev.peft4j.core.train.fixtures.AccuracyMetric;
import dev.peft4j.core.train.fixtures.ArrayBatch;
import dev.peft4j.core.train.fixtures.Blobs;
import dev.peft4j.core.train.fixtures.MlpClassifier;
import dev.peft4j.core.train.fixtures.TestOptions;
import dev.peft4j.core.train.progress.JsonlLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportWriterTest {

    private static final List<String> CLASSES = List.of("east", "north-west", "south-west");

    /** Kept under target/ so a person (or a headless browser) can look at the result. */
    private static final Path RUN = Path.of("target", "report-test");

    @Test
    void rendersASelfContainedReportOfAShortRun() throws Exception {
        dev.peft4j.core.train.checkpoint.AtomicFiles.deleteRecursively(RUN);
        long started = System.nanoTime();
        RunReport report;
        try (MlpClassifier model = new MlpClassifier(CLASSES, 16, 0.1f, 11);
             JsonlLog log = new JsonlLog(RUN.resolve("log.jsonl"))) {
            Evaluator<ArrayBatch> evaluator = new Evaluator<>(model, 32);
            TestOptions o = new TestOptions();
            o.epochs = 3;
            o.evalEverySteps = 4;
            o.learningRate = 0.02;
            TrainingResult result = Trainer.builder(model, new Blobs(128, 3, 0.9, 1)).options(o.build())
                    .optimizer(TestOptions.OPTIMIZER).lossScaling(TestOptions.NO_SCALING).schedule(TestOptions.LINEAR)
                    .validation(evaluator.validation(new Blobs(60, 3, 0.9, 2), List.of(new AccuracyMetric())))
                    .runDirectory(RUN).listener(log).build().train();
            EvaluationResult test = evaluator.evaluate(new Blobs(90, 3, 0.9, 3), List.of(new AccuracyMetric()));
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("train", Map.of("rows", 128, "labels", Map.of("east", 40, "north-west", 45, "south-west", 43)));
            data.put("test", Map.of("rows", 90));
            data.put("dropped duplicates", 0);
            report = new RunReport("blobs <mlp> & friends", "training {\n  learning-rate = 0.02\n  epochs = 3\n}\n",
                    data, new ParameterCounts(1000, model.parameterCount()), TrainingHistory.fromLog(RUN.resolve("log.jsonl")),
                    test.metrics(), test.confusion().orElseThrow(),
                    new Timing((System.nanoTime() - started) / 1e9, result.trainingSeconds(), result.tokens(),
                            PeakMemory.bytes()));
        }
        Path file = RUN.resolve("report.html");
        ReportWriter.write(file, report);

        String html = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("blobs &lt;mlp&gt; &amp; friends")
                .contains("learning-rate = 0.02").contains("Confusion matrix").contains("north-west")
                .contains("Final metrics").contains("accuracy").contains("peak memory").contains("dropped duplicates");
        // Self-contained: nothing is fetched, no script runs.
        assertThat(html).doesNotContain("src=\"http").doesNotContain("href=\"http").doesNotContain("<script")
                .doesNotContain("<link").doesNotContain("@import");
        Matcher images = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(html);
        int charts = 0;
        while (images.find()) {
            byte[] png = Base64.getDecoder().decode(images.group(1));
            assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
            charts++;
        }
        assertThat(charts).isEqualTo(4); // loss, metrics, learning rate, confusion matrix
        // The confusion table's counts add up to the test rows.
        Matcher cells = Pattern.compile("<td(?: class=\"diag\")?>([0-9,]+)</td>").matcher(
                html.substring(html.indexOf("<table class=\"confusion\">")));
        long total = 0;
        for (int i = 0; i < 9 && cells.find(); i++) {
            total += Long.parseLong(cells.group(1).replace(",", ""));
        }
        assertThat(total).isEqualTo(90);
        assertThat(RUN.resolve("report.html")).exists();
        try (var leftovers = Files.list(RUN)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }
}
