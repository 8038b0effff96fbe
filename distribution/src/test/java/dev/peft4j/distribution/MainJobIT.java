package dev.peft4j.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main job ({@code examples/sst2-lora.conf}: LoRA on the real pretrained all-MiniLM-L6-v2) run by the
 * installation on a slice of SST-2, with a short step budget: it must learn sentiment well above chance (0.5), and
 * leave a complete run folder.
 */
class MainJobIT {

    private static final Path DATA = Installation.HOME.resolve("examples/data/sst2-sentences");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void mainJobOnASliceLearnsSentimentWellAboveChance(@TempDir Path work) throws Exception {
        Path train = slice("stsa.binary.train", 600, work);
        Path validation = slice("stsa.binary.dev", 200, work);
        Path test = slice("stsa.binary.test", 500, work);

        Installation.Result result = Installation.run(work, 170, "run",
                Installation.HOME.resolve("examples/sst2-lora.conf").toString(),
                "-D", "data.train=" + train, "-D", "data.validation=" + validation, "-D", "data.test=" + test,
                "-D", "training.max-steps=80", "-D", "training.eval-every-steps=40", "-D", "data.max-length=64",
                "-D", "pipeline.run-dir=" + work.resolve("runs/slice"));

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("trainable params: ", "trainable%: ");
        Path run = onlyRunFolder(work.resolve("runs"));
        JsonNode metrics = JSON.readTree(run.resolve("metrics.json").toFile());
        double accuracy = metrics.path("test").path("accuracy").asDouble();
        assertThat(accuracy).as("test accuracy on 500 held-out sentences").isGreaterThanOrEqualTo(0.70);
        assertThat(metrics.path("training").path("steps").asLong()).isEqualTo(80);
        assertThat(metrics.path("parameters").path("trainable_percent").asDouble()).isBetween(0.1, 2.0);

        List<String> predictions = Files.readAllLines(run.resolve("predictions.tsv"), StandardCharsets.UTF_8);
        assertThat(predictions).hasSize(501);
        assertThat(predictions.get(0)).isEqualTo("text\tgold\tpredicted\tp(0)\tp(1)");
        assertThat(predictions.get(1)).startsWith(Files.readAllLines(test).get(0).substring(2) + "\t");
        assertThat(Files.readString(run.resolve("report.html"))).contains("test accuracy", "<img src=\"data:image/png");
        assertThat(run.resolve("adapter/adapter_model.safetensors")).isNotEmptyFile();
        JsonNode adapter = JSON.readTree(run.resolve("adapter/adapter_config.json").toFile());
        assertThat(adapter.path("peft_type").asText()).isEqualTo("LORA");
        assertThat(adapter.path("task_type").asText()).isEqualTo("SEQ_CLS");
        assertThat(adapter.path("base_model_name_or_path").asText()).isEqualTo("builtin:all-minilm-l6-v2");
        assertThat(adapter.path("modules_to_save").toString()).contains("classifier");
        assertThat(run.resolve("log.jsonl")).isNotEmptyFile();
        assertThat(run.resolve("data-report.json")).isNotEmptyFile();
        assertThat(JSON.readTree(run.resolve("manifest.json").toFile()).path("seed").asLong()).isEqualTo(42);

        // The saved adapter, loaded again, predicts exactly what the run predicted.
        Installation.Result evaluated = Installation.run(work, 90, "evaluate", run.toString(), test.toString(),
                "--out", work.resolve("evaluated.tsv").toString());
        assertThat(evaluated.exitCode()).as(evaluated.out() + evaluated.err()).isZero();
        assertThat(evaluated.out()).contains("500 rows scored", "accuracy");
        assertThat(Files.readAllLines(work.resolve("evaluated.tsv"))).isEqualTo(predictions);

        Path unlabelled = Files.write(work.resolve("unlabelled.txt"),
                Files.readAllLines(test).stream().map(line -> line.substring(2)).toList());
        Installation.Result predicted = Installation.run(work, 90, "predict", run.resolve("adapter").toString(),
                unlabelled.toString(), "--out", work.resolve("predicted.tsv").toString());
        assertThat(predicted.exitCode()).as(predicted.out() + predicted.err()).isZero();
        List<String> unlabelledPredictions = Files.readAllLines(work.resolve("predicted.tsv"));
        assertThat(unlabelledPredictions).hasSize(501);
        for (int i = 1; i < 501; i++) {
            String[] expected = predictions.get(i).split("\t");
            String[] actual = unlabelledPredictions.get(i).split("\t", -1);
            assertThat(actual[1]).as("no gold on row %d", i).isEmpty();
            assertThat(actual[2]).as("prediction of row %d", i).isEqualTo(expected[2]);
        }

        Installation.Result compared = Installation.run(work, 60, "compare", run.toString(), run.toString());
        assertThat(compared.exitCode()).as(compared.out() + compared.err()).isZero();
        assertThat(compared.out()).contains("score the same accuracy", "no significant difference");
    }

    /** The first {@code rows} lines of a shipped SST-2 file. */
    private static Path slice(String file, int rows, Path work) throws IOException {
        List<String> lines = Files.readAllLines(DATA.resolve(file), StandardCharsets.UTF_8);
        return Files.write(work.resolve(file), lines.subList(0, rows), StandardCharsets.UTF_8);
    }

    private static Path onlyRunFolder(Path runs) throws IOException {
        try (Stream<Path> folders = Files.list(runs)) {
            List<Path> all = folders.toList();
            assertThat(all).as("run folders in %s", runs).hasSize(1);
            assertThat(all.get(0).getFileName().toString()).matches("slice-\\d{8}-\\d{6}");
            return all.get(0);
        }
    }
}
