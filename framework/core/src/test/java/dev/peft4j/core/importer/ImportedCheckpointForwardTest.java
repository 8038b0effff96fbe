package dev.peft4j.core.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.peft4j.core.safetensors.SafetensorsWeightStore;
import dev.peft4j.core.tokenizer.HfTokenizer;
import dev.peft4j.core.tokenizer.TextTokenizer.Encoding;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * End to end: the imported checkpoint, run by a plain-Java BertModel, gives the hidden states ONNX Runtime gives on the
 * original file; the erf the plain forward relies on is checked against known values.
 */
class ImportedCheckpointForwardTest {

    @Test
    void theImportedWeightsReproduceTheOriginalModelsHiddenStates() {
        ImportedCheckpoint imported = MiniLmFixture.checkpoint();
        Path dir = imported.dir();

        try (HfTokenizer tokenizer = HfTokenizer.open(dir);
                SafetensorsWeightStore weights = SafetensorsWeightStore.open(dir)) {
            // a pair, so that the second token type's embedding is used, then padded by two positions
            Encoding e = tokenizer.encode("The cat sat on the mat.", "Where did it sit?", 64);
            int width = e.length() + 2;
            long[] ids = new long[width];
            long[] mask = new long[width];
            long[] types = new long[width];
            System.arraycopy(e.ids(), 0, ids, 0, e.length());
            System.arraycopy(e.typeIds(), 0, types, 0, e.length());
            java.util.Arrays.fill(mask, 0, e.length(), 1L);
            assertThat(types).contains(1L);

            float[][] expected = OnnxReference.lastHiddenState(new long[][] {ids}, new long[][] {mask},
                    new long[][] {types})[0];
            double[][] actual = new PlainJavaBert(weights, imported.config()).lastHiddenState(ids, mask, types);

            double maxDifference = 0;
            for (int t = 0; t < e.length(); t++) { // padded positions are not compared: they are masked out
                for (int d = 0; d < 384; d++) {
                    maxDifference = Math.max(maxDifference, Math.abs(actual[t][d] - expected[t][d]));
                }
            }
            assertThat(maxDifference).as("max |plain Java - ONNX Runtime| = %g", maxDifference).isLessThan(1e-5);
        }
    }

    @Test
    void plainErfMatchesKnownValues() {
        assertThat(PlainJavaBert.erf(0)).isZero();
        assertThat(PlainJavaBert.erf(0.5)).isCloseTo(0.5204998778130465, within(1e-15));
        assertThat(PlainJavaBert.erf(1)).isCloseTo(0.8427007929497149, within(1e-15));
        assertThat(PlainJavaBert.erf(-2)).isCloseTo(-0.9953222650189527, within(1e-15));
        assertThat(PlainJavaBert.erf(4)).isCloseTo(0.9999999845827421, within(1e-15));
    }
}
