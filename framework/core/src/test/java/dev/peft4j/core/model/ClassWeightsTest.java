package dev.peft4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.peft4j.core.model.config.BertConfig;
import dev.peft4j.spi.FloatTensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassWeightsTest {

    private static final BertConfig BERT = TinyModels.bert();
    private static final Map<String, FloatTensor> WEIGHTS = TinyModels.bertWeights(BERT, 3);
    private static final int[] LABELS = {1, 0, 1};
    private static final Batch BATCH = Batch.of(new int[][] {{2, 17, 5, 28}, {9, 3, 1, 4}, {7, 7, 8, 2}})
            .withLabels(new Labels.Classes(LABELS));

    @Test
    void classWeightsMakeTheLossTheWeightedMeanOfTheRowsCrossEntropies() {
        float[] classWeights = {0.25f, 3f};
        try (ModelGraph model = ModelBuilder.create(BERT, TinyModels.store(WEIGHTS),
                TinyModels.options(Head.classification(2))).classWeights(classWeights).build()) {
            FloatTensor logits = model.evaluate(BATCH, model.logits());
            double weighted = 0;
            double total = 0;
            for (int row = 0; row < LABELS.length; row++) {
                double w = classWeights[LABELS[row]];
                weighted += w * Tensors.crossEntropy(Tensors.row(logits, row), LABELS[row]);
                total += w;
            }

            assertThat(model.evaluate(BATCH, model.loss()).data()[0]).isCloseTo((float) (weighted / total),
                    within(1e-5f));
            assertThat(model.evaluate(BATCH, model.lossWeight()).data()[0]).isEqualTo((float) total);
        }
    }

    @Test
    void oneWeightPerClassIsRequired() {
        assertThatThrownBy(() -> ModelBuilder.create(BERT, TinyModels.store(WEIGHTS),
                TinyModels.options(Head.classification(2))).classWeights(new float[] {1, 2, 3}).build())
                .hasMessageContaining("3 weights")
                .hasMessageContaining("2 outputs");
    }
}
