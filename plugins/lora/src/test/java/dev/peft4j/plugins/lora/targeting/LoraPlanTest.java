package dev.peft4j.plugins.lora.targeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import dev.peft4j.plugins.lora.settings.LoraSettings;
import dev.peft4j.spi.method.LinearLayer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoraPlanTest {

    /** GPT-2 small's linear layers (Conv1D, [in, out]) without weights: the plan only needs names and sizes. */
    private static List<LinearLayer> gpt2Small() {
        List<LinearLayer> layers = new ArrayList<>();
        for (int block = 0; block < 12; block++) {
            String prefix = "transformer.h." + block + ".";
            layers.add(new LinearLayer(prefix + "attn.c_attn", block, 768, 2304, true, null, null));
            layers.add(new LinearLayer(prefix + "attn.c_proj", block, 768, 768, true, null, null));
            layers.add(new LinearLayer(prefix + "mlp.c_fc", block, 768, 3072, true, null, null));
            layers.add(new LinearLayer(prefix + "mlp.c_proj", block, 3072, 768, true, null, null));
        }
        layers.add(new LinearLayer("score", -1, 768, 2, false, null, null));
        return layers;
    }

    private static LoraSettings settings(String pipeline) {
        return LoraSettings.fromConfig(ConfigFactory.parseString(pipeline).withFallback(LoraSettings.reference()));
    }

    private static LoraPlan plan(String pipeline) {
        return LoraPlan.resolve(settings(pipeline), gpt2Small(), List.of("c_attn"));
    }

    @Test
    void theArchitectureDefaultOnGpt2SmallTrainsAsManyParametersAsPeftReports() {
        LoraPlan plan = plan("r = 8");

        assertThat(plan.targets()).hasSize(12).allMatch(t -> t.module().endsWith("attn.c_attn"));
        assertThat(plan.trainableParameters(false)).isEqualTo(294_912);
        assertThat(plan.trainableParameters(true)).isEqualTo(294_912 + 12 * 2304);
        assertThat(plan.peftTargetModules(settings("r = 8"))).isEqualTo(List.of("c_attn"));
        assertThat(plan.fanInFanOut()).isTrue();
    }

    @Test
    void exclusionsAndChosenBlocksNarrowTheTargets() {
        LoraPlan plan = plan("""
                target-modules = [c_attn, c_fc]
                exclude-modules = ["transformer.h.0.mlp.c_fc"]
                layers-to-transform = [0, 1]
                """);

        assertThat(plan.targets()).extracting(LoraTarget::module).containsExactly(
                "transformer.h.0.attn.c_attn", "transformer.h.1.attn.c_attn", "transformer.h.1.mlp.c_fc");
    }

    @Test
    void allLinearLeavesTheHeadOutAndRankPatternsOverrideTheRank() {
        LoraPlan plan = plan("""
                target-modules = all-linear
                rank-pattern { "c_fc" = 4 }
                """);

        assertThat(plan.targets()).hasSize(48).noneMatch(t -> t.module().equals("score"));
        assertThat(plan.targets()).filteredOn(t -> t.module().endsWith("c_fc")).allMatch(t -> t.rank() == 4);
        assertThat(plan.targets()).filteredOn(t -> t.module().endsWith("c_attn")).allMatch(t -> t.rank() == 8);
    }

    @Test
    void modulesToSaveAreTrainedWholeNotAdaptedAndUnknownNamesAreReported() {
        LoraPlan plan = plan("""
                target-modules = [c_attn, score, c_atn]
                modules-to-save = [score]
                bias = lora-only
                """);

        assertThat(plan.modulesToSave()).extracting(LinearLayer::name).containsExactly("score");
        assertThat(plan.targets()).noneMatch(t -> t.module().equals("score"));
        assertThat(plan.unmatchedNames()).containsExactly("c_atn");
        assertThat(plan.trainedBiases()).isEmpty(); // these layers were built without biases
    }

    @Test
    void targetsThatMatchNothingAreRefusedWithTheModelsLayerNames() {
        assertThatThrownBy(() -> plan("target-modules = [q_proj, v_proj]"))
                .hasMessageContaining("method.lora.target-modules [q_proj, v_proj] matches no linear layer")
                .hasMessageContaining("transformer.h.0.attn.c_attn");
    }

    @Test
    void peftNamesFollowTheSavedLayout() {
        assertThat(PeftNames.loraA("transformer.h.0.attn.c_attn"))
                .isEqualTo("base_model.model.transformer.h.0.attn.c_attn.lora_A.weight");
        assertThat(PeftNames.loraB("model.layers.0.self_attn.q_proj"))
                .isEqualTo("base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight");
        assertThat(PeftNames.magnitude("q")).isEqualTo("base_model.model.q.lora_magnitude_vector");
        assertThat(PeftNames.saved(PeftNames.bias("score"))).isEqualTo("base_model.model.score.bias");
    }
}
