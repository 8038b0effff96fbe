package dev.peft4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ImportCommandTest {

    @TempDir
    Path work;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = Peft4jCommand.commandLine();
        command.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        return command.execute(args);
    }

    @Test
    void importsTheBundledMiniLmIntoAHuggingFaceCheckpointFolder() {
        Path target = work.resolve("minilm");

        assertThat(run("import", "onnx-bert", target.toString())).as(err.toString()).isZero();

        assertThat(out.toString()).contains("6 layers, hidden size 384, 22,565,376 parameters");
        for (String file : new String[] {"config.json", "model.safetensors", "tokenizer.json"}) {
            assertThat(target.resolve(file)).isNotEmptyFile();
        }
    }

    @Test
    void refusesAFolderThatIsNotEmpty() throws Exception {
        Files.writeString(work.resolve("keep.txt"), "mine");

        assertThat(run("import", "onnx-bert", work.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("is not empty");
        assertThat(work.resolve("keep.txt")).hasContent("mine");
    }

    @Test
    void anOnnxFileNeedsItsTokenizer() {
        assertThat(run("import", "onnx-bert", "--onnx", "model.onnx", work.resolve("x").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--onnx and --tokenizer go together");
    }
}
