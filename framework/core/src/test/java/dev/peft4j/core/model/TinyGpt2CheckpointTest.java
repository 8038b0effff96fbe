package dev.peft4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peft4j.core.model.config.Gpt2Config;
import dev.peft4j.core.model.config.ModelConfigReader;
import dev.peft4j.core.model.reference.Gpt2Reference;
import dev.peft4j.core.safetensors.SafetensorsWeightStore;
import dev.peft4j.core.safetensors.SharedDir;
import dev.peft4j.core.tokenizer.HfTokenizer;
import dev.peft4j.spi.FloatTensor;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shared tiny-gpt2 checkpoint (random weights, as the transformers library saved it) read with the real
 * safetensors reader and tokenizer: the graph's next-token predictions are those of the plain-Java GPT-2 on the same
 * tensors, which proves every tensor was loaded under the right name and layout.
 */
class TinyGpt2CheckpointTest {

    private static final Path DIR = SharedDir.resolve("models/tiny-gpt2");

    @Test
    void nextTokenPredictionsMatchThePlainJavaReference() {
        Gpt2Config config = (Gpt2Config) ModelConfigReader.read(DIR.resolve("config.json"));
        try (SafetensorsWeightStore store = SafetensorsWeightStore.open(DIR);
                HfTokenizer tokenizer = HfTokenizer.open(DIR);
                ModelGraph model = ModelBuilder.create(config, store,
                        new ModelOptions(Head.causalLm(), Precision.FP32, false, 1, 64L << 20)).build()) {
            long[] encoded = tokenizer.encode("Hello, my dog is cute and it likes to play", null, 64).ids();
            int[] ids = new int[encoded.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = (int) encoded[i];
            }
            assertThat(ids).startsWith(15496, 11, 616, 3290); // GPT-2's ids of "Hello", ",", " my", " dog"
            Map<String, FloatTensor> weights = new HashMap<>();
            store.names().forEach(name -> weights.put(name, store.read(name)));

            FloatTensor logits = model.evaluate(Batch.of(new int[][] {ids}), model.logits());
            double[][] reference = new Gpt2Reference(config, weights).logits(ids);

            Tensors.assertRowsClose(logits, 0, reference, 1e-5);
            for (int t = 0; t < ids.length; t++) {
                assertThat(argmax(Tensors.row(logits, 0, t))).as("next token after position %d", t)
                        .isEqualTo(argmax(reference[t]));
            }
        }
    }

    private static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            best = values[i] > values[best] ? i : best;
        }
        return best;
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            best = values[i] > values[best] ? i : best;
        }
        return best;
    }
}
