package dev.peft4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PretrainCommandTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", "."), "../..").toAbsolutePath().normalize();

    @TempDir
    Path work;

    private Path plugins;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void emptyPluginsFolder() throws Exception {
        plugins = Files.createDirectories(work.resolve("plugins"));
    }

    private int run(String... args) {
        CommandLine command = Peft4jCommand.commandLine();
        command.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        return command.execute(args);
    }

    private static Path shared(String relative) {
        String configured = System.getProperty("peft4j.shared.dir");
        return (configured != null ? Path.of(configured) : ROOT.resolve("../shared")).resolve(relative).normalize();
    }

    /** Causal-LM pretraining of the shared tiny GPT-2 on a few SST-2 sentences; no plugin loaded, hence method.type. */
    private Path pipeline(String textFile) throws Exception {
        List<String> lines = Files.readAllLines(shared("data/sst2-sentences/stsa.binary.train")).subList(0, 60);
        Files.write(work.resolve("sst2.txt"), lines);
        return Files.writeString(work.resolve("pretrain.conf"), """
                pipeline { name = "tiny", run-dir = "%s" }
                model.path = "%s"
                method.type = full
                pretrain {
                  text { files = ["%s"], format = label-first }
                  block-size = 32
                  validation-fraction = 0.1
                }
                training { max-steps = 2, batch-size = 4 }
                """.formatted(work.resolve("runs/tiny"), shared("models/tiny-gpt2"), textFile));
    }

    @Test
    void helpDescribesTheObjectivesTheOutputsAndTheExitCodes() {
        assertThat(run("pretrain", "--help")).isZero();
        assertThat(out.toString()).contains("masked-LM for BERT", "causal-LM for GPT-2", "corpus-report.json",
                "model/", "Exit codes: 0");

        out.getBuffer().setLength(0);
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("pretrain");
    }

    @Test
    void pretrainsAndWritesACheckpointFolderThatRunCanTakeAsItsModel() throws Exception {
        int exit = run("pretrain", pipeline("sst2.txt").toString(), "--plugins-dir", plugins.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Objective: causal-lm, method: full", "held-out before training: loss",
                "held-out after training: loss", "Model: ", "Report: ");
        try (var runs = Files.list(work.resolve("runs"))) {
            Path dir = runs.findFirst().orElseThrow();
            assertThat(dir.resolve("model/config.json")).content().contains("GPT2LMHeadModel");
            assertThat(dir.resolve("model/model.safetensors")).isNotEmptyFile();
            assertThat(dir.resolve("metrics.json")).content().contains("\"held_out\"");
        }
    }

    @Test
    void aMissingTextFileIsTheUsersToFixWithExitTwo() throws Exception {
        int exit = run("pretrain", pipeline("missing.txt").toString(), "--plugins-dir", plugins.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("pretrain.text.files names", "missing.txt", "does not exist");
    }

    @Test
    void aPipelineProblemIsReportedAtItsLineWithExitTwo() throws Exception {
        Path file = Files.writeString(work.resolve("bad.conf"), """
                model.path = "model"
                method.type = full
                pretrain.text.files = ["notes.txt"]
                pretrain.validation-fraction = 0
                """);

        assertThat(run("pretrain", file.toString(), "--plugins-dir", plugins.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("bad.conf:4: pretrain.validation-fraction");
        assertThat(run("pretrain", work.resolve("nowhere.conf").toString(), "--plugins-dir", plugins.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("no such pipeline file");
    }

    @Test
    void validateChecksAPretrainingPipelineAsPretrainReadsIt() {
        Path example = ROOT.resolve("examples/sst2-domain-mlm.conf");

        int exit = run("validate", example.toString(), "--plugins-dir", plugins.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("objective = \"masked-lm\"", "sst2-domain-mlm.conf:");

        out.getBuffer().setLength(0);
        assertThat(run("validate", example.toString(), "--plugins-dir", plugins.toString(),
                "-D", "training.best-metric=accuracy")).isEqualTo(2);
        assertThat(err.toString()).contains("training.best-metric", "loss or perplexity");
    }
}
