package dev.peft4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CompareCommandTest {

    @TempDir
    Path work;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine command = Peft4jCommand.commandLine();
        command.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        return command.execute(args);
    }

    /** A run folder whose predictions get the first {@code right} of 40 rows right. */
    private Path run(String name, int right) throws Exception {
        StringBuilder tsv = new StringBuilder("text\tgold\tpredicted\tp(neg)\tp(pos)\n");
        for (int i = 0; i < 40; i++) {
            String gold = i % 2 == 0 ? "pos" : "neg";
            String predicted = i < right ? gold : (gold.equals("pos") ? "neg" : "pos");
            tsv.append("row ").append(i).append('\t').append(gold).append('\t').append(predicted)
                    .append(predicted.equals("pos") ? "\t0.2\t0.8\n" : "\t0.8\t0.2\n");
        }
        Path dir = Files.createDirectories(work.resolve(name));
        Files.writeString(dir.resolve("predictions.tsv"), tsv);
        return dir;
    }

    @Test
    void saysWhichRunIsBetterWithTheIntervalAndMcNemarsTest() throws Exception {
        Path a = run("a", 20);
        Path b = run("b", 38);

        int exit = run("compare", a.toString(), b.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("40 rows; accuracy: A 50.00%, B 95.00%",
                "Rows only A got right: 0; only B: 18", "B is better than A by 45.0 accuracy points",
                "significant at 0.05");
    }

    @Test
    void predictionsOfDifferentRowsAreRefusedWithExitTwo() throws Exception {
        Path a = run("a", 20);
        Path b = run("b", 20);
        Files.writeString(b.resolve("predictions.tsv"), "text\tgold\tpredicted\tp(neg)\tp(pos)\n"
                + "other\tpos\tpos\t0.1\t0.9\nrow\tneg\tneg\t0.9\t0.1\n");

        assertThat(run("compare", a.toString(), b.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("A has 40 rows and B has 2");
    }

    @Test
    void aFolderWithoutPredictionsIsAUsageError() {
        assertThat(run("compare", work.toString(), work.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("predictions.tsv does not exist");
    }
}
