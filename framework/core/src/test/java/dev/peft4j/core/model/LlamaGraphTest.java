package dev.peft4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.peft4j.core.model.config.LlamaConfig;
import dev.peft4j.core.model.reference.LlamaReference;
import dev.peft4j.spi.FloatTensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlamaGraphTest {

    @Test
    void groupedQueryLlamaLogitsMatchThePlainJavaReference() {
        assertMatchesReference(TinyModels.llama(), 3);
    }

    @Test
    void qwen2WithQkvBiasAndTiedEmbeddingsMatchesThePlainJavaReference() {
        assertMatchesReference(TinyModels.qwen2(), 4);
    }

    @Test
    void changingALaterTokenNeverChangesEarlierLogitsAndPaddingChangesNothing() {
        LlamaConfig config = TinyModels.llama();
        try (ModelGraph lm = ModelBuilder.create(config, TinyModels.store(TinyModels.llamaWeights(config, 3)),
                TinyModels.options(Head.causalLm())).build()) {
            FloatTensor original = lm.evaluate(Batch.of(new int[][] {{4, 9, 30, 2, 2, 7}}), lm.logits());
            FloatTensor changed = lm.evaluate(Batch.of(new int[][] {{4, 9, 30, 11, 5, 1}}), lm.logits());
            for (int t = 0; t < 3; t++) {
                assertThat(Tensors.row(changed, 0, t)).containsExactly(Tensors.row(original, 0, t));
            }
            assertThat(Tensors.row(changed, 0, 3)).isNotEqualTo(Tensors.row(original, 0, 3));

            Batch leftPadded = new Batch(1, 8, new int[] {0, 0, 4, 9, 30, 2, 2, 7}, new int[] {0, 0, 1, 1, 1, 1, 1, 1},
                    null, null);
            FloatTensor padded = lm.evaluate(leftPadded, lm.logits());
            for (int t = 0; t < 6; t++) {
                assertThat(Tensors.row(padded, 0, t + 2)).containsExactly(Tensors.row(original, 0, t), within(1e-5f));
            }
        }
    }

    private static void assertMatchesReference(LlamaConfig config, long seed) {
        Map<String, FloatTensor> weights = TinyModels.llamaWeights(config, seed);
        int[][] ids = {{4, 9, 30, 2, 2, 7, 13, 0}, {1, 2, 3, 5, 8, 13, 21, 29}};
        try (ModelGraph lm = ModelBuilder.create(config, TinyModels.store(weights), TinyModels.options(Head.causalLm()))
                .build()) {
            FloatTensor logits = lm.evaluate(Batch.of(ids), lm.logits());
            LlamaReference reference = new LlamaReference(config, weights);
            for (int b = 0; b < ids.length; b++) {
                Tensors.assertRowsClose(logits, b, reference.logits(ids[b]), 1e-4);
            }
        }
    }
}
