package dev.peft4j.plugins.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import dev.peft4j.plugins.adapter.settings.AdapterSettings;
import dev.peft4j.spi.FloatTensor;
import dev.peft4j.spi.method.Capability;
import dev.peft4j.spi.method.MethodKind;
import dev.peft4j.spi.method.ModelSpec;
import dev.peft4j.spi.method.SubLayer;
import dev.peft4j.testkit.tensor.Tensors;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

class AdapterMethodTest {

    private static final ModelSpec SMALL = new ModelSpec("gpt2", 3, 16, 2, 64, 50);
    private static final ModelSpec BERT_BASE = new ModelSpec("bert", 12, 768, 12, 3072, 30522);

    private static AdapterMethod method(String pipeline) {
        return new AdapterMethod(AdapterSettings.fromConfig(ConfigFactory.parseString(pipeline)
                .withFallback(AdapterSettings.reference())), 77, null);
    }

    @Test
    void isALayerInjectionUnderItsPrefixThatCannotBeMerged() {
        AdapterMethod method = method("");

        assertThat(method.kind()).isEqualTo(MethodKind.LAYER_INJECTION);
        assertThat(method.prefix()).isEqualTo("adapters.");
        assertThat(method.capabilities()).containsExactly(Capability.IDENTITY_AT_INIT);
        assertThat(method("init = normal").capabilities()).isEmpty();
        assertThatThrownBy(() -> method.merge(null)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void houlsbyHooksBothSubLayersOfEveryBlockNotLeftOut() {
        try (Graph graph = new Graph()) {
            FakeSurgery surgery = new FakeSurgery(graph, SMALL);

            method("config = houlsby, leave-out = [1], reduction-factor = 4, scaling = learned, layer-norm = true")
                    .inject(surgery);

            assertThat(surgery.hooks().keySet()).containsExactly(
                    new FakeSurgery.Site(0, SubLayer.ATTENTION), new FakeSurgery.Site(0, SubLayer.FEED_FORWARD),
                    new FakeSurgery.Site(2, SubLayer.ATTENTION), new FakeSurgery.Site(2, SubLayer.FEED_FORWARD));
            assertThat(surgery.variables().keySet()).startsWith(
                    "adapters.0.attention.down.weight", "adapters.0.attention.down.bias",
                    "adapters.0.attention.up.weight", "adapters.0.attention.up.bias", "adapters.0.attention.scaling",
                    "adapters.0.attention.layer_norm.weight", "adapters.0.attention.layer_norm.bias",
                    "adapters.0.feed_forward.down.weight");
            assertThat(surgery.variables()).hasSize(4 * 7).allSatisfy((name, v) -> assertThat(name).startsWith("adapters."));
            assertThat(surgery.initialValues().get("adapters.2.feed_forward.down.weight").shape()).containsExactly(4, 16);
            assertThat(surgery.initialValues().get("adapters.2.feed_forward.up.weight").shape()).containsExactly(16, 4);
            assertThat(surgery.initialValues().get("adapters.2.feed_forward.up.weight").data()).containsOnly(0f);
            assertThat(surgery.initialValues().get("adapters.0.attention.scaling").data()).containsExactly(1f);
        }
    }

    @Test
    void onAModelWithBertBaseDimensionsPfeifferAdds894528Parameters() {
        try (Graph graph = new Graph()) {
            FakeSurgery surgery = new FakeSurgery(graph, BERT_BASE);

            method("config = pfeiffer").inject(surgery);

            long parameters = surgery.initialValues().values().stream().mapToLong(t -> t.data().length).sum();
            assertThat(parameters).isEqualTo(894_528);
            assertThat(surgery.hooks()).hasSize(12);
        }
    }

    @Test
    void untrainedAdaptersAreTheIdentityOnEverySubLayer() {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            FakeSurgery surgery = new FakeSurgery(graph, SMALL);
            method("config = houlsby, layer-norm = true, dropout = 0.3").inject(surgery);
            SplittableRandom random = new SplittableRandom(3);
            FloatTensor input = Tensors.random(random, 1, 5, 16);
            FloatTensor output = Tensors.random(random, 1, 5, 16);

            for (FakeSurgery.Site site : surgery.hooks().keySet()) {
                Operand<TFloat32> adapted = surgery.output(site, Tensors.constant(surgery.tf(), input),
                        Tensors.constant(surgery.tf(), output));
                try (Tensor training = TBool.scalarOf(true)) {
                    assertThat(Tensors.run(session, adapted, Map.of(surgery.trainingFlag(), training))).isEqualTo(output);
                }
            }
        }
    }

    @Test
    void theNormalInitialisationIsNearButNotExactlyTheIdentity() {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            FakeSurgery surgery = new FakeSurgery(graph, SMALL);
            method("init = normal, normal-std = 0.01").inject(surgery);
            FloatTensor x = Tensors.random(new SplittableRandom(4), 1, 5, 16);

            FloatTensor out = Tensors.run(session, surgery.output(new FakeSurgery.Site(0, SubLayer.FEED_FORWARD),
                    Tensors.constant(surgery.tf(), x), Tensors.constant(surgery.tf(), x)), Map.of());

            assertThat(out).isNotEqualTo(x);
            for (int i = 0; i < x.data().length; i++) {
                assertThat(Math.abs(out.data()[i] - x.data()[i])).isLessThan(0.01f);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameAdaptersOnEveryInjection() {
        AdapterMethod method = method("init = normal");
        try (Graph first = new Graph(); Graph second = new Graph()) {
            FakeSurgery one = new FakeSurgery(first, SMALL);
            FakeSurgery two = new FakeSurgery(second, SMALL);
            method.inject(one);
            method.inject(two);

            assertThat(two.initialValues()).isEqualTo(one.initialValues());
        }
    }

    @Test
    void theSavedConfigRecordsTheModelsSizesOnceInjected() {
        try (Graph graph = new Graph()) {
            AdapterMethod method = method("reduction-factor = 4");
            assertThat(method.adapterConfig()).doesNotContainKey("hidden_size");

            method.inject(new FakeSurgery(graph, SMALL));

            assertThat(method.adapterConfig()).containsEntry("hidden_size", 16).containsEntry("bottleneck_size", 4)
                    .containsEntry("num_layers", 3);
        }
    }

    @Test
    void aLoadedAdapterRefusesAModelOfAnotherWidth() {
        AdapterMethod loaded = new AdapterMethod(AdapterSettings.fromConfig(AdapterSettings.reference()), 1, 768);
        try (Graph graph = new Graph()) {
            assertThatThrownBy(() -> loaded.inject(new FakeSurgery(graph, SMALL)))
                    .hasMessageContaining("trained for hidden size 768 but the gpt2 model has hidden size 16");
        }
    }
}
