package dev.peft4j.core.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.peft4j.core.tokenizer.HfTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ONNX Runtime runs the original model on text that HfTokenizer encodes: the reference the BERT graph must match. */
class OnnxReferenceTest {

    private static final List<String> SENTENCES = List.of(
            "A man is playing a guitar.",
            "Someone plays an instrument on stage.",
            "The stock market fell sharply today after the announcement.");

    @TempDir
    static Path dir;

    private static HfTokenizer tokenizer;

    @BeforeAll
    static void openTokenizer() throws IOException {
        try (InputStream in = OnnxReferenceTest.class.getResourceAsStream(OnnxBertImporter.BUNDLED_TOKENIZER)) {
            Files.copy(in, dir.resolve("tokenizer.json"));
        }
        tokenizer = HfTokenizer.open(dir);
    }

    @AfterAll
    static void closeTokenizer() {
        tokenizer.close();
    }

    @Test
    void givesOneHiddenStateOf384PerTokenOfEveryRow() {
        OnnxReference.Batch batch = OnnxReference.Batch.of(tokenizer, SENTENCES, 128);

        float[][][] hidden = batch.lastHiddenState();

        int seq = batch.ids()[0].length;
        assertThat(seq).isEqualTo(tokenizer.encode(SENTENCES.get(2), null, 128).length());
        assertThat(hidden.length).isEqualTo(3);
        for (float[][] row : hidden) {
            assertThat(row.length).isEqualTo(seq);
            for (float[] token : row) {
                assertThat(token).hasSize(384);
            }
        }
    }

    @Test
    void paddingARowChangesNoneOfItsTokens() {
        float[][][] batched = OnnxReference.Batch.of(tokenizer, SENTENCES, 128).lastHiddenState();
        OnnxReference.Batch aloneBatch = OnnxReference.Batch.of(tokenizer, SENTENCES.subList(0, 1), 128);
        float[][][] alone = aloneBatch.lastHiddenState();

        int tokens = aloneBatch.ids()[0].length;
        assertThat(tokens).isLessThan(batched[0].length); // the first sentence is padded in the batch
        for (int t = 0; t < tokens; t++) {
            for (int d = 0; d < 384; d++) {
                assertThat(batched[0][t][d]).isCloseTo(alone[0][t][d], within(1e-4f));
            }
        }
    }

    @Test
    void meanPooledStatesPlaceRelatedSentencesCloserThanUnrelatedOnes() {
        OnnxReference.Batch batch = OnnxReference.Batch.of(tokenizer, SENTENCES, 128);
        float[][][] hidden = batch.lastHiddenState();

        double[][] embeddings = new double[3][];
        for (int row = 0; row < 3; row++) {
            embeddings[row] = meanPool(hidden[row], batch.mask()[row]);
        }

        double related = cosine(embeddings[0], embeddings[1]);
        double unrelated = cosine(embeddings[0], embeddings[2]);
        assertThat(related).as("related %.3f, unrelated %.3f", related, unrelated).isGreaterThan(unrelated + 0.3);
    }

    private static double[] meanPool(float[][] tokens, long[] mask) {
        double[] sum = new double[tokens[0].length];
        int count = 0;
        for (int t = 0; t < tokens.length; t++) {
            if (mask[t] == 1) {
                count++;
                for (int d = 0; d < sum.length; d++) {
                    sum[d] += tokens[t][d];
                }
            }
        }
        for (int d = 0; d < sum.length; d++) {
            sum[d] /= count;
        }
        return sum;
    }

    private static double cosine(double[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
