package dev.peft4j.bench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GptLayoutTest {

    @Test
    void gpt2SmallWithItsFullContextHasGpt2SmallsParameterCount() {
        GptShape shape = GptShape.gpt2Small(12, 1, 1024);
        assertThat(GptLayout.parameterCount(GptLayout.base(shape))).isEqualTo(124_439_808L);
    }

    @Test
    void loraOnQAndVAddsTwoRankEightFactorsPerProjection() {
        GptShape shape = GptShape.gpt2Small(12, 8, 128);
        List<TensorSpec> lora = GptLayout.lora(shape);
        assertThat(lora).hasSize(12 * 2 * 2);
        assertThat(GptLayout.parameterCount(lora)).isEqualTo(12L * 2 * 2 * 768 * 8);
        assertThat(lora).extracting(TensorSpec::name).contains("h.0.attn.q.lora_a", "h.11.attn.v.lora_b")
                .noneMatch(n -> n.contains("attn.k"));
    }

    @Test
    void eachTaskTrainsWhatItShould() {
        GptShape shape = GptShape.gpt2Small(2, 1, 8);
        assertThat(GptLayout.trainable(shape, Task.LORA_TRAIN)).isEqualTo(GptLayout.lora(shape));
        assertThat(GptLayout.trainable(shape, Task.FULL_TRAIN)).isEqualTo(GptLayout.base(shape));
        assertThat(GptLayout.trainable(shape, Task.INFERENCE)).isEmpty();
        assertThat(GptLayout.forTask(shape, Task.LORA_TRAIN))
                .hasSize(GptLayout.base(shape).size() + GptLayout.lora(shape).size());
    }

    @Test
    void denseWeightsAreStoredInputByOutput() {
        GptShape shape = GptShape.gpt2Small(1, 1, 8);
        assertThat(GptLayout.base(shape)).filteredOn(s -> s.name().equals("h.0.mlp.fc.w")).singleElement()
                .satisfies(s -> assertThat(s.shape()).containsExactly(768, 3072));
        assertThat(GptLayout.base(shape)).filteredOn(s -> s.name().equals("h.0.mlp.proj.w")).singleElement()
                .satisfies(s -> assertThat(s.shape()).containsExactly(3072, 768));
    }

    @Test
    void headsMustDivideTheWidth() {
        assertThatThrownBy(() -> new GptShape(100, 12, 1, 8, 1, 10, 8, 8)).hasMessageContaining("multiple of heads");
    }
}
