package dev.peft4j.plugins.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.Mockito.mock;

import com.typesafe.config.ConfigFactory;
import dev.peft4j.plugins.lora.settings.LoraSettings;
import dev.peft4j.spi.FloatTensor;
import dev.peft4j.spi.method.Capability;
import dev.peft4j.spi.method.LinearLayer;
import dev.peft4j.spi.method.MethodKind;
import dev.peft4j.testkit.tensor.Tensors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

class LoraMethodTest {

    private final Logger logger = mock(Logger.class);
    private final FloatTensor x = input(8);

    /** Three tokens of width {@code in}. */
    private static FloatTensor input(int in) {
        return Tensors.random(new SplittableRandom(in), 1, 3, in);
    }

    private LoraMethod method(String pipeline) {
        return new LoraMethod(LoraSettings.fromConfig(ConfigFactory.parseString(pipeline)
                .withFallback(LoraSettings.reference())), 1234, logger);
    }

    private static FakeSurgery model(Graph graph, String architecture) {
        return architecture.equals("gpt2") ? FakeSurgery.gpt2(graph, 1, 8, 7) : FakeSurgery.llama(graph, 1, 8, 7);
    }

    /** Gives every variable of the method a random trained value, as after some training steps. */
    private static void train(FakeSurgery surgery, Session session, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (Map.Entry<String, Variable<TFloat32>> variable : surgery.variables().entrySet()) {
            FloatTensor initial = surgery.initialValues().get(variable.getKey());
            FloatTensor trained = Tensors.random(random, 0.3, initial.shape());
            if (variable.getKey().endsWith("lora_magnitude_vector")) {
                for (int i = 0; i < trained.data().length; i++) {
                    trained.data()[i] = initial.data()[i] + trained.data()[i];
                }
            }
            session.runner().addTarget(surgery.tf().assign(variable.getValue(), Tensors.constant(surgery.tf(), trained)))
                    .run();
        }
    }

    @Test
    void declaresALayerInjectionThatStartsAsTheBaseModelAndMerges() {
        LoraMethod method = method("");

        assertThat(method.kind()).isEqualTo(MethodKind.LAYER_INJECTION);
        assertThat(method.capabilities()).containsExactlyInAnyOrder(Capability.IDENTITY_AT_INIT, Capability.MERGEABLE);
        assertThat(method.prefix()).isEqualTo("lora_");
    }

    @Test
    void addsAAndBUnderPeftNamesOnTheDefaultTargets() {
        try (Graph graph = new Graph()) {
            FakeSurgery gpt2 = FakeSurgery.gpt2(graph, 2, 8, 7);

            method("r = 4").inject(gpt2);

            assertThat(gpt2.variables().keySet()).containsExactly(
                    "base_model.model.transformer.h.0.attn.c_attn.lora_A.weight",
                    "base_model.model.transformer.h.0.attn.c_attn.lora_B.weight",
                    "base_model.model.transformer.h.1.attn.c_attn.lora_A.weight",
                    "base_model.model.transformer.h.1.attn.c_attn.lora_B.weight");
            assertThat(gpt2.initialValues().get("base_model.model.transformer.h.0.attn.c_attn.lora_A.weight").shape())
                    .containsExactly(4, 8);
            assertThat(gpt2.initialValues().get("base_model.model.transformer.h.0.attn.c_attn.lora_B.weight").data())
                    .hasSize(24 * 4).containsOnly(0f);
            assertThat(gpt2.variables().keySet()).allMatch(name -> name.contains("lora_"));
            assertThat(gpt2.hooks().keySet()).extracting(LinearLayer::name)
                    .containsExactly("transformer.h.0.attn.c_attn", "transformer.h.1.attn.c_attn");
        }
    }

    @ParameterizedTest(name = "{0}, dora {1}")
    @CsvSource({"gpt2, false", "gpt2, true", "llama, false", "llama, true"})
    void anUntrainedAdapterComputesWhatTheBaseModelDoes(String architecture, boolean dora) {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            FakeSurgery surgery = model(graph, architecture);
            method("target-modules = all-linear, use-dora = " + dora).inject(surgery);

            for (LinearLayer layer : surgery.hooks().keySet()) {
                Operand<TFloat32> input = Tensors.constant(surgery.tf(), input(layer.inFeatures()));
                FloatTensor adapted = Tensors.run(session, surgery.output(layer, input), Map.of());
                FloatTensor base = Tensors.run(session, new FakeSurgery.Unhooked(surgery).output(layer, input), Map.of());
                if (dora) {
                    for (int i = 0; i < base.data().length; i++) {
                        assertThat(adapted.data()[i]).isCloseTo(base.data()[i], within(1e-5f));
                    }
                } else {
                    assertThat(adapted).as(layer.name()).isEqualTo(base);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}, dora {1}")
    @CsvSource({"gpt2, false", "gpt2, true", "llama, false", "llama, true"})
    void theMergedWeightComputesWhatTheTrainedAdapterDoes(String architecture, boolean dora) {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            FakeSurgery surgery = model(graph, architecture);
            LoraMethod method = method("target-modules = all-linear, r = 3, alpha = 6, use-rslora = true, use-dora = " + dora);
            method.inject(surgery);
            train(surgery, session, 99);
            Map<LinearLayer, FloatTensor> adapted = new HashMap<>();
            surgery.hooks().keySet().forEach(l -> adapted.put(l, Tensors.run(session,
                    surgery.output(l, Tensors.constant(surgery.tf(), input(l.inFeatures()))), Map.of())));

            FakeMergeContext merge = new FakeMergeContext(
                    name -> Tensors.run(session, surgery.variables().get(name), Map.of()), surgery.baseWeights());
            method.merge(merge);

            assertThat(merge.replaced()).hasSize(surgery.hooks().size());
            for (LinearLayer layer : surgery.hooks().keySet()) {
                FloatTensor weight = merge.replaced().get(layer.name() + ".weight");
                double[][] merged = Tensors.timesTransposed(input(layer.inFeatures()), layer.fanInFanOut() ? Tensors.transpose(weight) : weight);
                FloatTensor expected = adapted.get(layer);
                FloatTensor bias = surgery.baseWeights().get(layer.name() + ".bias");
                for (int t = 0; t < 3; t++) {
                    for (int o = 0; o < layer.outFeatures(); o++) {
                        double value = merged[t][o] + (bias == null ? 0 : bias.data()[o]);
                        assertThat(value).as("%s [%d, %d]", layer.name(), t, o)
                                .isCloseTo(expected.data()[t * layer.outFeatures() + o], within(1e-4));
                    }
                }
            }
        }
    }

    @Test
    void aMergeThatWouldWriteNanChangesNothingAndNamesTheWeight() {
        try (Graph graph = new Graph()) {
            FakeSurgery gpt2 = FakeSurgery.gpt2(graph, 2, 8, 7);
            LoraMethod method = method("");
            method.inject(gpt2);
            Map<String, FloatTensor> values = new HashMap<>(gpt2.initialValues());
            FloatTensor poisoned = FloatTensor.zeros(24, 8);
            poisoned.data()[5] = Float.NaN;
            values.put("base_model.model.transformer.h.1.attn.c_attn.lora_B.weight", poisoned);
            FakeMergeContext merge = new FakeMergeContext(values::get, gpt2.baseWeights());

            assertThatThrownBy(() -> method.merge(merge))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("transformer.h.1.attn.c_attn.weight")
                    .hasMessageContaining("nothing was merged");
            assertThat(merge.replaced()).isEmpty();
        }
    }

    @Test
    void mergingBeforeInjectionIsRefused() {
        assertThatThrownBy(() -> method("").merge(new FakeMergeContext(name -> null, Map.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("after it was injected");
    }

    @Test
    void trainedBiasesAndModulesToSaveAreUnfrozenUnderPeftNames() {
        try (Graph graph = new Graph()) {
            FakeSurgery gpt2 = FakeSurgery.gpt2(graph, 2, 8, 7);

            method("bias = lora-only, modules-to-save = [score]").inject(gpt2);

            assertThat(gpt2.unfrozen()).containsExactly(
                    Map.entry("transformer.h.0.attn.c_attn.bias", "base_model.model.transformer.h.0.attn.c_attn.bias"),
                    Map.entry("transformer.h.1.attn.c_attn.bias", "base_model.model.transformer.h.1.attn.c_attn.bias"),
                    Map.entry("score.weight", "base_model.model.score.weight"));
        }
    }

    @Test
    void doraAddsAMagnitudeStartingAtTheNormOfEachOutputFeature() {
        try (Graph graph = new Graph()) {
            FakeSurgery llama = FakeSurgery.llama(graph, 1, 8, 7);

            method("use-dora = true").inject(llama);

            FloatTensor magnitude = llama.initialValues().get("base_model.model.model.layers.0.self_attn.q_proj.lora_magnitude_vector");
            FloatTensor weight = llama.baseWeights().get("model.layers.0.self_attn.q_proj.weight");
            assertThat(magnitude.shape()).containsExactly(8);
            double norm = 0;
            for (int i = 0; i < 8; i++) {
                norm += weight.data()[i] * weight.data()[i];
            }
            assertThat((double) magnitude.data()[0]).isCloseTo(Math.sqrt(norm), within(1e-5));
        }
    }

    @Test
    void theSameSeedGivesTheSameAdapterOnEveryInjection() {
        LoraMethod method = method("target-modules = all-linear, dropout = 0.1");
        try (Graph first = new Graph(); Graph second = new Graph()) {
            FakeSurgery one = FakeSurgery.gpt2(first, 2, 8, 7);
            FakeSurgery two = FakeSurgery.gpt2(second, 2, 8, 7);
            method.inject(one);
            method.inject(two);

            assertThat(two.initialValues()).isEqualTo(one.initialValues());
        }
    }

    @Test
    void dropoutActsWhileTrainingOnly() {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            FakeSurgery gpt2 = FakeSurgery.gpt2(graph, 1, 8, 7);
            method("dropout = 0.5").inject(gpt2);
            train(gpt2, session, 3);
            LinearLayer layer = gpt2.layer("transformer.h.0.attn.c_attn");
            Operand<TFloat32> out = gpt2.output(layer, Tensors.constant(gpt2.tf(), x));
            BiFunction<Boolean, Integer, FloatTensor> run = (training, ignored) -> {
                try (Tensor flag = TBool.scalarOf(training)) {
                    return Tensors.run(session, out, Map.of(gpt2.trainingFlag(), flag));
                }
            };

            assertThat(run.apply(false, 0)).isEqualTo(run.apply(false, 1));
            assertThat(run.apply(true, 0)).isNotEqualTo(run.apply(false, 0));
        }
    }

    @Test
    void theConfigAfterInjectionNamesTheResolvedTargetsAndLayout() {
        try (Graph graph = new Graph()) {
            FakeSurgery gpt2 = FakeSurgery.gpt2(graph, 2, 8, 7);
            LoraMethod method = method("r = 4, alpha = 16");

            assertThat(method.adapterConfig()).containsEntry("target_modules", null).containsEntry("fan_in_fan_out", false);
            method.inject(gpt2);

            assertThat(method.adapterConfig()).containsEntry("peft_type", "LORA").containsEntry("r", 4)
                    .containsEntry("lora_alpha", 16).containsEntry("target_modules", List.of("c_attn"))
                    .containsEntry("fan_in_fan_out", true);
        }
    }
}
