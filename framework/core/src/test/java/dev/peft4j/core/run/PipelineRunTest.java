package dev.peft4j.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peft4j.core.config.PipelineConfig;
import dev.peft4j.core.importer.MiniLmFixture;
import dev.peft4j.core.plugin.PluginHost;
import dev.peft4j.core.plugin.PluginSettings;
import dev.peft4j.core.safetensors.SafetensorsWeightStore;
import dev.peft4j.core.safetensors.SharedDir;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole pipeline run on the real imported MiniLM with the host's built-in {@code full} method (no plugin needed):
 * a few steps on a few SST-2 sentences, checked for everything the run folder must hold.
 */
class PipelineRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static PluginHost host;

    @TempDir
    static Path work;

    @BeforeAll
    static void startHost() throws Exception {
        host = PluginHost.start(new PluginSettings(Files.createDirectories(work.resolve("plugins"))))
                .requireNoProblems();
    }

    @AfterAll
    static void stopHost() {
        host.close();
    }

    @Test
    void fullFineTuningRunWritesACompleteRunFolderAndResumesToTheSameResult() throws Exception {
        Path pipeline = pipeline();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        RunResult result = run(pipeline, false, printed);

        Path dir = result.runDir();
        assertThat(dir.getParent()).isEqualTo(work.resolve("runs"));
        assertThat(dir.getFileName().toString()).matches("tiny-\\d{8}-\\d{6}");
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("trainable params: 22,713,986 || all params: 22,713,986 || trainable%: 100.0000");
        assertThat(result.training().steps()).isEqualTo(3);
        assertThat(result.trainableParameters()).isEqualTo(result.totalParameters());
        for (String file : List.of("pipeline.conf", "data-report.json", "labels.json", "log.jsonl", "metrics.json",
                "predictions.tsv", "manifest.json", "report.html", "model/model.safetensors", "model/config.json",
                "model/tokenizer.json")) {
            assertThat(dir.resolve(file)).as(file).isNotEmptyFile();
        }
        assertThat(Files.readAllLines(dir.resolve("predictions.tsv"))).hasSize(1 + 24);

        JsonNode metrics = JSON.readTree(dir.resolve("metrics.json").toFile());
        assertThat(metrics.path("test").path("accuracy").isNumber()).isTrue();
        assertThat(metrics.path("validation").path("accuracy").asDouble())
                .isEqualTo(result.validation().get("accuracy"));
        JsonNode manifest = JSON.readTree(dir.resolve("manifest.json").toFile());
        assertThat(manifest.path("versions").path("tensorflow").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(manifest.path("machine").path("tensorflow_device").asText()).matches("(CPU|GPU):\\d+");
        JsonNode config = JSON.readTree(dir.resolve("model/config.json").toFile());
        assertThat(config.path("architectures").get(0).asText()).isEqualTo("BertForSequenceClassification");
        assertThat(config.path("id2label").path("1").asText()).isEqualTo("1");

        String query = "bert.encoder.layer.0.attention.self.query.weight";
        try (SafetensorsWeightStore saved = SafetensorsWeightStore.open(dir.resolve("model"));
                SafetensorsWeightStore base = SafetensorsWeightStore.open(MiniLmFixture.checkpoint().dir())) {
            assertThat(saved.names()).contains(query, "bert.pooler.dense.weight", "classifier.weight",
                    "classifier.bias");
            assertThat(saved.read(query).data()).as("a trained weight")
                    .isNotEqualTo(base.read("encoder.layer.0.attention.self.query.weight").data());
        }

        RunResult resumed = run(pipeline, true, new ByteArrayOutputStream());

        assertThat(resumed.runDir()).isEqualTo(dir);
        assertThat(resumed.training().steps()).isEqualTo(3);
        assertThat(resumed.test()).isEqualTo(result.test());
        assertThat(dir.resolve("model/model.safetensors")).isNotEmptyFile();
    }

    private static RunResult run(Path pipeline, boolean resume, ByteArrayOutputStream printed) {
        PipelineConfig config = PipelineLoading.loader(host).load(pipeline, Map.of());
        RunSettings settings = RunSettings.from(config, pipeline.getParent());
        return new PipelineRun(settings, host.extensions(), work.resolve("models"),
                new PrintStream(printed, true, StandardCharsets.UTF_8)).execute(resume);
    }

    private static Path pipeline() throws Exception {
        Path data = SharedDir.resolve("data/sst2-sentences");
        Files.write(work.resolve("train.txt"), Files.readAllLines(data.resolve("stsa.binary.train")).subList(0, 40));
        Files.write(work.resolve("dev.txt"), Files.readAllLines(data.resolve("stsa.binary.dev")).subList(0, 16));
        Files.write(work.resolve("test.txt"), Files.readAllLines(data.resolve("stsa.binary.test")).subList(0, 24));
        return Files.writeString(work.resolve("tiny.conf"), """
                pipeline { name = "tiny", run-dir = "%s" }
                model.path = "%s"
                method.type = full
                data {
                  train = "train.txt", validation = "dev.txt", test = "test.txt"
                  format = label-first, header = false, label-type = integer, max-length = 32
                }
                training {
                  max-steps = 3, batch-size = 8, learning-rate = 5e-5
                  best-metric = accuracy, greater-is-better = true
                }
                evaluation.metrics = [accuracy]
                """.formatted(work.resolve("runs/tiny"), MiniLmFixture.checkpoint().dir()));
    }
}
