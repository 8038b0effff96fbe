package dev.peft4j.core.model.surgery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.peft4j.core.model.Batch;
import dev.peft4j.core.model.Feed;
import dev.peft4j.core.model.Head;
import dev.peft4j.core.model.Labels;
import dev.peft4j.core.model.ModelBuilder;
import dev.peft4j.core.model.ModelGraph;
import dev.peft4j.core.model.Tensors;
import dev.peft4j.core.model.TinyModels;
import dev.peft4j.core.model.TrainableVariable;
import dev.peft4j.core.model.config.Gpt2Config;
import dev.peft4j.spi.FloatTensor;
import dev.peft4j.spi.method.MethodKind;
import dev.peft4j.spi.method.ModelSurgery;
import dev.peft4j.spi.method.SubLayer;
import dev.peft4j.spi.method.TuningMethod;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;

class ModelSurgeryTest {

    private static final Gpt2Config GPT2 = TinyModels.gpt2();
    private static final Map<String, FloatTensor> WEIGHTS = TinyModels.gpt2Weights(GPT2, 1);
    private static final Batch BATCH = Batch.of(new int[][] {{3, 7, 1, 22, 5}, {0, 4, 4, 8, 19}})
            .withLabels(new Labels.Tokens(new int[] {3, 7, 1, 22, 5, 0, 4, 4, 8, 19}));
    private static ModelGraph base;

    @BeforeAll
    static void buildBase() {
        base = lm().build();
    }

    @AfterAll
    static void closeBase() {
        base.close();
    }

    private static ModelBuilder lm() {
        return ModelBuilder.create(GPT2, TinyModels.store(WEIGHTS), TinyModels.options(Head.causalLm()));
    }

    @Test
    void anUntrainedZeroInitHookGivesTheBaseOutputExactly() {
        try (ModelGraph adapted = lm().adapter("default", new ToyLowRankMethod(2, 9)).build()) {
            assertThat(adapted.evaluate(BATCH, adapted.logits())).isEqualTo(base.evaluate(BATCH, base.logits()));
        }
    }

    @Test
    void onlyTheAddedVariablesAreTrainableAndOnlyTheyChangeInATrainingStep() {
        try (ModelGraph adapted = lm().adapter("default", new ToyLowRankMethod(2, 9)).build()) {
            assertThat(adapted.trainables()).extracting(TrainableVariable::name).containsExactly(
                    "adapters/default/transformer.h.0.attn.c_attn.toy_A.weight",
                    "adapters/default/transformer.h.0.attn.c_attn.toy_B.weight",
                    "adapters/default/transformer.h.1.attn.c_attn.toy_A.weight",
                    "adapters/default/transformer.h.1.attn.c_attn.toy_B.weight");
            FloatTensor wteBefore = adapted.read("transformer.wte.weight");
            FloatTensor attnBefore = adapted.read("transformer.h.0.attn.c_attn.weight");
            String b0 = "adapters/default/transformer.h.0.attn.c_attn.toy_B.weight";

            new SgdStep(adapted, 0.1f).run(BATCH);

            assertThat(adapted.read("transformer.wte.weight")).isEqualTo(wteBefore);
            assertThat(adapted.read("transformer.h.0.attn.c_attn.weight")).isEqualTo(attnBefore);
            assertThat(adapted.read(b0).data()).isNotEqualTo(new float[adapted.read(b0).data().length]);
        }
    }

    @Test
    void theLossGradientOfAnAdapterVariableMatchesCentralDifferences() {
        try (ModelGraph adapted = lm().adapter("default", new ToyLowRankMethod(2, 9)).build()) {
            String b1 = "adapters/default/transformer.h.1.attn.c_attn.toy_B.weight";
            adapted.write(b1, TinyModels.normal(new Random(4), 0.3, 24, 2));
            SgdStep step = new SgdStep(adapted, 0f);
            int index = step.variables().stream().map(TrainableVariable::name).toList().indexOf(b1);
            float[] analytic = fetch(adapted, step.gradients()[index]);

            FloatTensor value = adapted.read(b1);
            double eps = 1e-2;
            for (int i : new int[] {0, 5, 17, 30, 47}) {
                float[] plus = value.data().clone();
                float[] minus = value.data().clone();
                plus[i] += (float) eps;
                minus[i] -= (float) eps;
                adapted.write(b1, new FloatTensor(value.shape(), plus));
                double lossPlus = adapted.evaluate(BATCH, adapted.loss()).data()[0];
                adapted.write(b1, new FloatTensor(value.shape(), minus));
                double lossMinus = adapted.evaluate(BATCH, adapted.loss()).data()[0];
                assertThat((double) analytic[i]).as("d loss / d B[%d]", i)
                        .isCloseTo((lossPlus - lossMinus) / (2 * eps), within(2e-3));
            }
        }
    }

    @Test
    void aVariableWithoutTheMethodsPrefixIsRefused() {
        TuningMethod sloppy = ToyMethods.of("lora_", MethodKind.LAYER_INJECTION,
                s -> s.addVariable("transformer.h.0.attn.c_attn.A", FloatTensor.zeros(2, 8)));

        assertThatThrownBy(() -> lm().adapter("default", sloppy).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'transformer.h.0.attn.c_attn.A'")
                .hasMessageContaining("prefix 'lora_'");
    }

    @Test
    void theSurgeryRefusesChangesOnceInjectionIsOver() {
        AtomicReference<ModelSurgery> kept = new AtomicReference<>();
        try (ModelGraph adapted = lm().adapter("late", ToyMethods.of("x_", MethodKind.LAYER_INJECTION, kept::set))
                .build()) {
            assertThatThrownBy(() -> kept.get().addVariable("x_late", FloatTensor.zeros(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("only possible inside TuningMethod.inject");
        }
    }

    @Test
    void unknownLayersAndBlockIndicesAreRefused() {
        TuningMethod badIndex = ToyMethods.of("x_", MethodKind.LAYER_INJECTION,
                s -> s.hookSubLayer(7, SubLayer.ATTENTION, (tf, in, out) -> out));
        assertThatThrownBy(() -> lm().adapter("a", badIndex).build())
                .hasMessageContaining("layer index 7 is outside the model's blocks 0..1");
        TuningMethod badBase = ToyMethods.of("x_", MethodKind.LAYER_INJECTION, s -> s.baseWeight("h.0.nope"));
        assertThatThrownBy(() -> lm().adapter("a", badBase).build())
                .hasMessageContaining("no base weight 'h.0.nope'");
    }

    @Test
    void surgerySeesLayersNamedAsHuggingFaceAndReadsBaseWeights() {
        AtomicReference<ModelSurgery> seen = new AtomicReference<>();
        AtomicReference<FloatTensor> wte = new AtomicReference<>();
        try (ModelGraph adapted = lm().adapter("look", ToyMethods.of("x_", MethodKind.LAYER_INJECTION, s -> {
            seen.set(s);
            wte.set(s.baseWeight("transformer.wte.weight"));
        })).build()) {
            assertThat(seen.get().linearLayers()).extracting(l -> l.name() + (l.fanInFanOut() ? " [in,out]" : ""))
                    .startsWith("transformer.h.0.attn.c_attn [in,out]", "transformer.h.0.attn.c_proj [in,out]",
                            "transformer.h.0.mlp.c_fc [in,out]", "transformer.h.0.mlp.c_proj [in,out]")
                    .hasSize(8);
            assertThat(seen.get().defaultTargetModules()).containsExactly("c_attn");
            assertThat(seen.get().model().architecture()).isEqualTo("gpt2");
            assertThat(wte.get()).isEqualTo(WEIGHTS.get("transformer.wte.weight"));
        }
    }

    @Test
    void unfreezingABaseWeightMakesItTrainableAndSavedUnderTheGivenName() {
        TuningMethod biasToo = ToyMethods.of("x_", MethodKind.LAYER_INJECTION,
                s -> s.unfreeze("transformer.ln_f.bias", "base_model.model.transformer.ln_f.bias"));
        try (ModelGraph adapted = lm().adapter("default", biasToo).build()) {
            TrainableVariable v = adapted.trainables().get(0);
            assertThat(v.name()).isEqualTo("transformer.ln_f.bias");
            assertThat(v.decay()).isFalse();
            assertThat(adapted.adapterTensors("default"))
                    .containsExactly(Map.entry("base_model.model.transformer.ln_f.bias", "transformer.ln_f.bias"));

            new SgdStep(adapted, 0.5f).run(BATCH);
            assertThat(adapted.read("transformer.ln_f.bias")).isNotEqualTo(WEIGHTS.get("transformer.ln_f.bias"));
        }
    }

    @Test
    void zeroInitSubLayerHooksAreTheIdentityAndTrainedOnesChangeTheOutput() {
        try (ModelGraph adapted = lm().adapter("default", ToyMethods.shiftAfterSubLayers()).build()) {
            // Not bit-exact: without a hook Grappler's remapper fuses the residual add into the projection
            // matmul, which rounds differently (about 1e-6 here).
            assertThat(Tensors.maxAbsDifference(adapted.evaluate(BATCH, adapted.logits()),
                    base.evaluate(BATCH, base.logits()))).isLessThan(1e-5);
            assertThat(adapted.trainables()).hasSize(4).allSatisfy(v -> assertThat(v.name()).contains("shift_"));

            adapted.write("adapters/default/layer.1.FEED_FORWARD.shift_vector",
                    TinyModels.normal(new Random(1), 1, GPT2.hiddenSize()));
            assertThat(Tensors.maxAbsDifference(adapted.evaluate(BATCH, adapted.logits()),
                    base.evaluate(BATCH, base.logits()))).isGreaterThan(1e-3);
        }
    }

    @Test
    void adaptersSwitchByNameAndNoneActiveIsTheBaseModel() {
        try (ModelGraph adapted = lm().adapter("a", new ToyLowRankMethod(2, 1)).adapter("b", new ToyLowRankMethod(2, 2))
                .build()) {
            for (String adapter : adapted.adapters()) {
                adapted.adapterTensors(adapter).values().stream().filter(n -> n.contains("toy_B"))
                        .forEach(n -> adapted.write(n, TinyModels.normal(new Random(n.hashCode()), 0.5, 24, 2)));
            }
            FloatTensor both = adapted.evaluate(BATCH, adapted.logits());
            adapted.setActiveAdapters(List.of("a"));
            FloatTensor onlyA = adapted.evaluate(BATCH, adapted.logits());
            adapted.setActiveAdapters(List.of("b"));
            FloatTensor onlyB = adapted.evaluate(BATCH, adapted.logits());
            adapted.setActiveAdapters(List.of());
            FloatTensor none = adapted.evaluate(BATCH, adapted.logits());

            assertThat(none).isEqualTo(base.evaluate(BATCH, base.logits()));
            assertThat(Tensors.maxAbsDifference(onlyA, onlyB)).isGreaterThan(1e-3);
            assertThat(Tensors.maxAbsDifference(both, onlyA)).isGreaterThan(1e-3);
            assertThat(adapted.adapterTensors("a")).containsKey("transformer.h.0.attn.c_attn.toy_A.weight");
            assertThatThrownBy(() -> adapted.setActiveAdapters(List.of("c"))).hasMessageContaining("[a, b]");
        }
    }

    @Test
    void mergingFoldsTheAdapterIntoTheBaseAndKeepsTheOutput() {
        try (ModelGraph adapted = lm().adapter("default", new ToyLowRankMethod(2, 3)).build()) {
            for (String n : adapted.adapterTensors("default").values()) {
                if (n.contains("toy_B")) {
                    adapted.write(n, TinyModels.normal(new Random(7), 0.5, 24, 2));
                }
            }
            FloatTensor unmerged = adapted.evaluate(BATCH, adapted.logits());

            adapted.merge("default");

            assertThat(adapted.activeAdapters()).isEmpty();
            assertThat(adapted.read("transformer.h.0.attn.c_attn.weight"))
                    .isNotEqualTo(WEIGHTS.get("transformer.h.0.attn.c_attn.weight"));
            assertThat(Tensors.maxAbsDifference(adapted.evaluate(BATCH, adapted.logits()), unmerged)).isLessThan(1e-5);
        }
    }

    @Test
    void aMergeThatWouldPutNanIntoABaseWeightIsRefusedNamingIt() {
        try (ModelGraph adapted = lm().adapter("default", new ToyLowRankMethod(2, 3)).build()) {
            FloatTensor nan = FloatTensor.zeros(24, 2);
            nan.data()[3] = Float.NaN;
            adapted.write("adapters/default/transformer.h.1.attn.c_attn.toy_B.weight", nan);

            assertThatThrownBy(() -> adapted.merge("default"))
                    .hasMessageContaining("'transformer.h.1.attn.c_attn.weight'")
                    .hasMessageContaining("NaN");
        }
    }

    private static float[] fetch(ModelGraph model, Output<?> output) {
        try (Feed feed = model.feed(BATCH, false);
                Result r = feed.applyTo(model.session().runner()).fetch(output).run()) {
            TFloat32 t = (TFloat32) r.get(0);
            float[] data = new float[(int) t.shape().size()];
            t.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(data, false, false));
            return data;
        }
    }
}
