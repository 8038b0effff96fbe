package dev.peft4j.bench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BertLayoutTest {

    private final BertShape miniLm = BertShape.miniLm(32, 64);

    @Test
    void theBaseHasAllMiniLmL6V2sParameterCount() {
        // all-MiniLM-L6-v2 without a pooler: 22,565,376 parameters (22.7M with the pooler's 147,840).
        assertThat(GptLayout.parameterCount(BertLayout.base(miniLm))).isEqualTo(22_565_376L);
    }

    @Test
    void weightsCarryBertForSequenceClassificationsNamesWithLinearWeightsStoredOutputByInput() {
        assertThat(BertLayout.base(miniLm)).extracting(TensorSpec::name).contains(
                "bert.embeddings.word_embeddings.weight", "bert.embeddings.LayerNorm.bias",
                "bert.encoder.layer.5.attention.self.query.weight", "bert.encoder.layer.0.output.LayerNorm.weight");
        assertThat(BertLayout.base(miniLm))
                .filteredOn(s -> s.name().equals("bert.encoder.layer.0.intermediate.dense.weight"))
                .singleElement().satisfies(s -> assertThat(s.shape()).containsExactly(1536, 384));
    }

    @Test
    void loraTrainsAdaptersOnQueryAndValueWithTheNewPoolerAndClassifier() {
        assertThat(BertLayout.lora(miniLm)).hasSize(6 * 2 * 2).extracting(TensorSpec::name)
                .contains("bert.encoder.layer.0.attention.self.query.lora_A.weight",
                        "bert.encoder.layer.5.attention.self.value.lora_B.weight")
                .noneMatch(n -> n.contains("key"));
        assertThat(BertLayout.trainable(miniLm)).extracting(TensorSpec::name)
                .contains("bert.pooler.dense.weight", "classifier.weight", "classifier.bias");
        assertThat(BertLayout.all(miniLm)).hasSize(BertLayout.base(miniLm).size() + BertLayout.trainable(miniLm).size());
        assertThat(Layouts.trainable(miniLm, Task.MINILM_LORA)).isEqualTo(BertLayout.trainable(miniLm));
    }

    @Test
    void theExampleJobsScalingIsAlphaSixteenOverRankEight() {
        assertThat(miniLm.loraScale()).isEqualTo(2f);
    }

    @Test
    void sequencesMustFitThePositions() {
        assertThatThrownBy(() -> BertShape.miniLm(1, 513)).hasMessageContaining("512 positions");
    }
}
