package dev.peft4j.core.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peft4j.core.model.Batch;
import dev.peft4j.core.model.Head;
import dev.peft4j.core.model.ModelBuilder;
import dev.peft4j.core.model.ModelGraph;
import dev.peft4j.core.model.ModelOptions;
import dev.peft4j.core.model.Precision;
import dev.peft4j.core.model.config.ModelConfigReader;
import dev.peft4j.core.safetensors.SafetensorsWeightStore;
import dev.peft4j.core.tokenizer.HfTokenizer;
import dev.peft4j.spi.FloatTensor;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The independent check of peft4j's BERT: the TensorFlow graph built from the imported all-MiniLM-L6-v2 checkpoint
 * gives, on the same tokenized sentences, the last hidden states ONNX Runtime computes from the original ONNX file.
 */
class TensorFlowBertParityTest {

    private static final List<String> SENTENCES = List.of(
            "a stirring , funny and finally transporting re-imagining of beauty and the beast .",
            "no movement , no yuks , not much of anything .",
            "The cat sat on the mat.",
            "peft4j fine-tunes pretrained transformers from Java, on the CPU or a GPU, with LoRA and friends.");

    @Test
    void lastHiddenStatesMatchOnnxRuntimeWithin1e4OnAPaddedBatch() {
        Path dir = MiniLmFixture.checkpoint().dir();
        try (HfTokenizer tokenizer = HfTokenizer.open(dir);
                SafetensorsWeightStore weights = SafetensorsWeightStore.open(dir);
                ModelGraph model = ModelBuilder.create(ModelConfigReader.read(dir.resolve("config.json")), weights,
                        new ModelOptions(Head.classification(2), Precision.FP32, false, 1, 64L << 20)).build()) {
            OnnxReference.Batch batch = OnnxReference.Batch.of(tokenizer, SENTENCES, 128);
            float[][][] expected = batch.lastHiddenState();

            FloatTensor actual = model.evaluate(toModelBatch(batch), model.hiddenStates());

            int rows = batch.ids().length;
            int width = batch.ids()[0].length;
            assertThat(actual.shape()).containsExactly(rows, width, 384);
            double maxDifference = 0;
            int compared = 0;
            for (int b = 0; b < rows; b++) {
                for (int t = 0; t < width; t++) {
                    if (batch.mask()[b][t] == 0) {
                        continue; // padded positions are masked out of every real token's attention
                    }
                    for (int d = 0; d < 384; d++) {
                        double got = actual.data()[(b * width + t) * 384 + d];
                        maxDifference = Math.max(maxDifference, Math.abs(got - expected[b][t][d]));
                    }
                    compared++;
                }
            }
            assertThat(compared).as("real tokens compared").isGreaterThan(60);
            assertThat(maxDifference).as("max |TensorFlow - ONNX Runtime| = %g", maxDifference).isLessThan(1e-4);
        }
    }

    private static Batch toModelBatch(OnnxReference.Batch batch) {
        int rows = batch.ids().length;
        int width = batch.ids()[0].length;
        int[] ids = new int[rows * width];
        int[] mask = new int[rows * width];
        int[] types = new int[rows * width];
        for (int b = 0; b < rows; b++) {
            for (int t = 0; t < width; t++) {
                ids[b * width + t] = (int) batch.ids()[b][t];
                mask[b * width + t] = (int) batch.mask()[b][t];
                types[b * width + t] = (int) batch.typeIds()[b][t];
            }
        }
        return new Batch(rows, width, ids, mask, types, null);
    }
}
