package dev.peft4j.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionsTsvTest {

    @TempDir
    Path dir;

    @Test
    void classificationRoundTripsWithEscapedText() throws Exception {
        PredictionTable t = PredictionTable.classification(List.of("neg", "pos"),
                List.of("a\ttab", "two\nlines", "back\\slash"), new int[] {0, 1, -1}, new int[] {1, 1, 0},
                new double[][] {{0.25, 0.75}, {0.1, 0.9}, {0.6, 0.4}});
        Path file = dir.resolve("predictions.tsv");
        PredictionsTsv.write(file, t);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).containsExactly("text\tgold\tpredicted\tp(neg)\tp(pos)",
                "a\\ttab\tneg\tpos\t0.250000\t0.750000",
                "two\\nlines\tpos\tpos\t0.100000\t0.900000",
                "back\\\\slash\t\tneg\t0.600000\t0.400000");
        PredictionTable back = PredictionsTsv.read(file);
        assertThat(back.texts()).isEqualTo(t.texts());
        assertThat(back.goldClasses()).containsExactly(0, 1, -1);
        assertThat(back.predictedClasses()).containsExactly(1, 1, 0);
        assertThat(back.probabilities()[0]).containsExactly(0.25, 0.75);
    }

    @Test
    void regressionAndCausalLmRoundTrip() {
        PredictionTable r = PredictionTable.regression(List.of("x", "y"), new double[] {1.5, Double.NaN},
                new double[] {1.25f, 3.1f});
        PredictionsTsv.write(dir.resolve("r.tsv"), r);
        PredictionTable rb = PredictionsTsv.read(dir.resolve("r.tsv"));
        assertThat(rb.goldValues()[0]).isEqualTo(1.5);
        assertThat(rb.goldValues()[1]).isNaN();
        // Model outputs are fp32: written as the shortest text that reads back to the same float.
        assertThat(rb.predictedValues()[0]).isEqualTo(1.25);
        assertThat((float) rb.predictedValues()[1]).isEqualTo(3.1f);

        PredictionTable lm = PredictionTable.causalLm(List.of("some text"), new double[] {4}, new double[] {8});
        PredictionsTsv.write(dir.resolve("lm.tsv"), lm);
        PredictionTable lb = PredictionsTsv.read(dir.resolve("lm.tsv"));
        assertThat(lb.scoredTokens()).containsExactly(4.0);
        assertThat(lb.negativeLogLikelihoods()).containsExactly(8.0);
    }

    @Test
    void aDamagedFileIsReportedWithItsLine() throws Exception {
        Path file = dir.resolve("bad.tsv");
        Files.writeString(file, "text\tgold\tpredicted\tp(neg)\tp(pos)\nok\tneg\tneg\t0.5\t0.5\nshort\tneg\n");
        assertThatThrownBy(() -> PredictionsTsv.read(file)).hasMessageContaining("bad.tsv:3")
                .hasMessageContaining("2 fields");
        Files.writeString(file, "text\tgold\tpredicted\tp(neg)\tp(pos)\nok\tmaybe\tneg\t0.5\t0.5\n");
        assertThatThrownBy(() -> PredictionsTsv.read(file)).hasMessageContaining("bad.tsv:2")
                .hasMessageContaining("'maybe'").hasMessageContaining("[neg, pos]");
        Files.writeString(file, "id\tlabel\n");
        assertThatThrownBy(() -> PredictionsTsv.read(file)).hasMessageContaining("bad.tsv:1")
                .hasMessageContaining("not a predictions.tsv header");
    }
}
