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
    void weightsCarryTheNamesOfAHuggingFaceGpt2Checkpoint() {
        assertThat(GptLayout.base(GptShape.gpt2Small(1, 1, 8))).extracting(TensorSpec::name).contains(
                "transformer.wte.weight", "transformer.wpe.weight", "transformer.h.0.ln_1.weight",
                "transformer.h.0.attn.c_attn.weight", "transformer.h.0.attn.c_attn.bias",
                "transformer.h.0.attn.c_proj.weight", "transformer.h.0.mlp.c_fc.bias", "transformer.ln_f.bias");
    }

    @Test
    void loraPutsOneRankEightAdapterOnEveryFusedProjectionLaidOutAsPeftSavesIt() {
        GptShape shape = GptShape.gpt2Small(12, 8, 128);
        List<TensorSpec> lora = GptLayout.lora(shape);
        assertThat(lora).hasSize(12 * 2);
        // As many parameters as two adapters [768,8][8,768] on q and v.
        assertThat(GptLayout.parameterCount(lora)).isEqualTo(12L * 2 * 2 * 768 * 8);
        assertThat(lora).filteredOn(s -> s.name().equals("transformer.h.0.attn.c_attn.lora_A.weight"))
                .singleElement().satisfies(s -> assertThat(s.shape()).containsExactly(8, 768));
        assertThat(lora).filteredOn(s -> s.name().equals("transformer.h.11.attn.c_attn.lora_B.weight"))
                .singleElement().satisfies(s -> assertThat(s.shape()).containsExactly(3 * 768, 8));
    }

    @Test
    void eachTaskTrainsWhatItShould() {
        GptShape shape = GptShape.gpt2Small(2, 1, 8);
        assertThat(GptLayout.trainable(shape, Task.LORA_TRAIN)).isEqualTo(GptLayout.lora(shape));
        assertThat(GptLayout.trainable(shape, Task.FULL_TRAIN)).isEqualTo(GptLayout.base(shape));
        assertThat(GptLayout.trainable(shape, Task.INFERENCE)).isEmpty();
        assertThat(GptLayout.forTask(shape, Task.LORA_TRAIN))
                .hasSize(GptLayout.base(shape).size() + GptLayout.lora(shape).size());
        assertThatThrownBy(() -> GptLayout.trainable(shape, Task.MINILM_LORA)).hasMessageContaining("BERT");
    }

    @Test
    void denseWeightsAreStoredInputByOutput() {
        GptShape shape = GptShape.gpt2Small(1, 1, 8);
        assertThat(GptLayout.base(shape)).filteredOn(s -> s.name().equals("transformer.h.0.attn.c_attn.weight"))
                .singleElement().satisfies(s -> assertThat(s.shape()).containsExactly(768, 3 * 768));
        assertThat(GptLayout.base(shape)).filteredOn(s -> s.name().equals("transformer.h.0.mlp.c_proj.weight"))
                .singleElement().satisfies(s -> assertThat(s.shape()).containsExactly(3072, 768));
    }

    @Test
    void headsMustDivideTheWidth() {
        assertThatThrownBy(() -> new GptShape(100, 12, 1, 8, 1, 10, 8, 8)).hasMessageContaining("multiple of heads");
    }
}
