package dev.peft4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.peft4j.core.adapter.AdapterReader;
import dev.peft4j.core.adapter.AdapterWriter;
import dev.peft4j.core.adapter.PeftLayout;
import dev.peft4j.core.adapter.SavedAdapter;
import dev.peft4j.core.model.Batch;
import dev.peft4j.core.model.ModelBuilder;
import dev.peft4j.core.model.Feed;
import dev.peft4j.core.model.ModelGraph;
import dev.peft4j.core.model.ModelOptions;
import dev.peft4j.core.model.Precision;
import dev.peft4j.core.model.TrainableVariable;
import dev.peft4j.core.plugin.HostPluginContext;
import dev.peft4j.core.safetensors.SafetensorsFile;
import dev.peft4j.spi.FloatTensor;
import dev.peft4j.spi.PluginContext;
import dev.peft4j.spi.method.Capability;
import dev.peft4j.spi.method.MethodKind;
import dev.peft4j.spi.method.TuningMethod;
import dev.peft4j.spi.method.TuningMethodFactory;
import dev.peft4j.testkit.method.InjectionRecord;
import dev.peft4j.testkit.method.RecordingMethod;
import dev.peft4j.testkit.model.FixedTask;
import dev.peft4j.testkit.model.TinyArchitecture;
import dev.peft4j.testkit.tensor.Tensors;
import dev.peft4j.testkit.train.ContractTraining;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.types.TFloat32;

/**
 * The contract every tuning-method plugin passes. Subclass it in the plugin's tests, name the factory (and, if the
 * defaults of its {@code reference.conf} are not what should be checked, the settings):
 *
 * <pre>{@code
 * class LoraContractTest extends TuningMethodContract {
 *     protected TuningMethodFactory factory() { return new LoraMethodFactory(); }
 *     protected Config settings() { return ConfigFactory.parseString("r = 4, target-modules = all-linear"); }
 * }
 * }</pre>
 *
 * <p>Each check runs on tiny random-weight models of every {@link TinyArchitecture} (GPT-2 with a causal-LM head,
 * BERT and LLaMA with classification heads), built with the method injected as adapter {@code default}:
 * <ul>
 *   <li>the method adds trainable variables, every one holding its {@link TuningMethod#prefix() prefix}; everything
 *       else its adapter saves is a base weight it unfroze or the task head, saved under {@code base_model.model.};
 *       its config names the factory's {@code peft_type};</li>
 *   <li>its {@link MethodKind} matches what it does: prompt learning prepends virtual tokens and hooks nothing, layer
 *       injection hooks layers and prepends nothing;</li>
 *   <li>after AdamW steps only its variables (and the head, and base weights it unfroze) have moved: every other base
 *       weight is unchanged bit for bit;</li>
 *   <li>{@link Capability#IDENTITY_AT_INIT}: untrained, the model computes the base model's logits, bit for bit when
 *       the method only wraps linear layers (see {@link #bitExact()}), within {@value #SUB_LAYER_TOLERANCE} of the
 *       largest logit when it hooks sub-layers (the host's graph optimiser rounds a fused residual add differently)
 *       or prepends tokens;</li>
 *   <li>it learns a small fixed task: the loss after {@link #trainingSteps()} steps is at most {@link #maxLossRatio()}
 *       of the loss before (GPT-2: next-token prediction, only the method trains; BERT and LLaMA: classification);</li>
 *   <li>switched off it computes the base model's hidden states (unless it trains base weights, which stay
 *       trained);</li>
 *   <li>saved in Hugging Face PEFT's layout and loaded back by its factory (with an unknown key added to its config,
 *       which must not fail) it computes exactly what it computed before saving;</li>
 *   <li>{@link Capability#MERGEABLE}: merged into the base weights it computes what it did unmerged, within
 *       {@value #MERGE_TOLERANCE} of the largest logit;</li>
 *   <li>two adapters of the method share one base model and switch by name;</li>
 *   <li>with gradient checkpointing (each block built again for the backward pass) every gradient is what it is
 *       without, within {@value #CHECKPOINT_TOLERANCE} of the largest, dropout on: its hooks build the same way twice
 *       and its random draws go through {@code DropoutMasks}.</li>
 * </ul>
 * Checks that do not apply (a capability the method does not declare) are reported as skipped, with the reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TuningMethodContract {

    /**
     * Largest difference from the base model's outputs, relative to the largest output (at least 1), of an adapter
     * that hooks sub-layers or prepends tokens and is untrained or switched off.
     */
    public static final double SUB_LAYER_TOLERANCE = 1e-6;
    /** Largest difference between merged and unmerged logits, relative to the largest logit (at least 1). */
    public static final double MERGE_TOLERANCE = 1e-5;
    /** Largest difference between gradients with and without checkpointing, relative to the largest (at least 1). */
    public static final double CHECKPOINT_TOLERANCE = 1e-5;

    private static final Logger LOG = LoggerFactory.getLogger(TuningMethodContract.class);
    private static final String ADAPTER = "default";
    private static final long SEED = 20_240_611L;

    @TempDir
    Path work;

    private final Map<TinyArchitecture, Map<String, FloatTensor>> weights = new EnumMap<>(TinyArchitecture.class);
    private final Map<TinyArchitecture, ModelGraph> bases = new EnumMap<>(TinyArchitecture.class);
    private final Map<TinyArchitecture, Trained> trained = new EnumMap<>(TinyArchitecture.class);

    /** A model trained on the fixed task, shared by the checks that only read it. */
    private record Trained(ModelGraph model, InjectionRecord record, Map<String, FloatTensor> initial,
            double lossBefore, double lossAfter) {
    }

    /** The factory of the method under test. */
    protected abstract TuningMethodFactory factory();

    /**
     * Settings of the method, over the defaults of its {@code reference.conf} ({@code method.<settingsPath>}, read
     * from the factory's class loader). Empty by default: the defaults are checked.
     */
    protected Config settings() {
        return ConfigFactory.empty();
    }

    /** The architectures the checks run on; all three by default. */
    protected List<TinyArchitecture> architectures() {
        return List.of(TinyArchitecture.values());
    }

    /** AdamW steps on the fixed task before the trained checks. */
    protected int trainingSteps() {
        return 30;
    }

    protected double learningRate() {
        return 1e-2;
    }

    /** The loss after training must be at most this fraction of the loss before. */
    protected double maxLossRatio() {
        return 0.9;
    }

    /**
     * Whether an untrained or switched-off adapter that only wraps linear layers must reproduce the base model bit for
     * bit (true by default; the host's gate leaves a wrapped layer's output untouched). Return false when the method's
     * linear hook recomputes the layer's output (DoRA rescales it by m / ‖W‖, equal to 1 only up to rounding) or when
     * it wraps layers whose output feeds a residual addition (the graph optimiser then fuses that addition
     * differently): the check then allows {@link #SUB_LAYER_TOLERANCE}, as for sub-layer hooks.
     */
    protected boolean bitExact() {
        return true;
    }

    /** The method's settings: {@link #settings()} over its reference.conf defaults. */
    protected final Config methodSettings() {
        String path = "method." + factory().settingsPath();
        Config reference = ConfigFactory.parseResources(factory().getClass().getClassLoader(), "reference.conf")
                .withOnlyPath(path).resolve();
        return settings().withFallback(reference.hasPath(path) ? reference.getConfig(path) : ConfigFactory.empty())
                .resolve();
    }

    /** A new instance of the method, as a pipeline makes it; the same seed draws the same initial values. */
    protected final TuningMethod newMethod(long seed) {
        return factory().create(methodSettings(), context(seed));
    }

    /** A plugin context as the host gives one to the method's factory. */
    protected final PluginContext context(long seed) {
        return new HostPluginContext(factory().name(), seed, work.resolve("extensions"));
    }

    /** A builder of {@code arch}'s tiny model with its contract head and the shared random weights. */
    protected final ModelBuilder builder(TinyArchitecture arch) {
        return arch.builder(weights.computeIfAbsent(arch, a -> a.weights(SEED)), arch.head(), SEED);
    }

    /** The fixed task's batch for {@code arch}. */
    protected final Batch batch(TinyArchitecture arch) {
        return FixedTask.batch(arch.head(), arch.config().vocabSize(), SEED);
    }

    @AfterAll
    final void closeModels() {
        trained.values().forEach(t -> t.model().close());
        bases.values().forEach(ModelGraph::close);
    }

    @Test
    final void theFactoryNamesItselfItsPeftTypeAndThePrefixOfItsVariables() {
        TuningMethodFactory factory = factory();
        assertThat(factory.name()).as("name()").matches("[a-z0-9]+(-[a-z0-9]+)*");
        assertThat(factory.peftType()).as("peftType()").isNotBlank();
        TuningMethod method = newMethod(1);
        assertThat(method.prefix()).as("prefix()").isNotBlank();
        assertThat(method.kind()).as("kind()").isNotNull();
        assertThat(method.capabilities()).as("capabilities()").isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    final void itsVariablesHoldItsPrefixAndItsConfigNamesItsPeftType(TinyArchitecture arch) {
        RecordingMethod method = new RecordingMethod(newMethod(1));
        try (ModelGraph model = builder(arch).adapter(ADAPTER, method).build()) {
            String prefix = method.prefix();
            assertThat(method.record().variables()).as("variables the method added").isNotEmpty()
                    .allSatisfy(name -> assertThat(name).contains(prefix));
            Set<String> baseWeights = new HashSet<>(model.baseWeightNames());
            model.adapterTensors(ADAPTER).forEach((saved, variable) -> {
                if (!saved.contains(prefix)) {
                    assertThat(baseWeights).as("'%s' lacks the prefix '%s', so it must be a base weight the method "
                            + "unfroze or the head", saved, prefix).contains(variable);
                    assertThat(saved).as("a base weight in an adapter file").startsWith(PeftLayout.SAVED_PREFIX);
                }
            });
            assertThat(method.adapterConfig()).as("adapterConfig()")
                    .containsEntry(PeftLayout.PEFT_TYPE, factory().peftType());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    final void itsKindMatchesWhatItInjects(TinyArchitecture arch) {
        RecordingMethod method = new RecordingMethod(newMethod(1));
        try (ModelGraph ignored = builder(arch).adapter(ADAPTER, method).build()) {
            InjectionRecord record = method.record();
            if (method.kind() == MethodKind.PROMPT_LEARNING) {
                assertThat(record.virtualTokens()).as("virtual tokens a prompt-learning method prepends").isPositive();
                assertThat(record.linearHooks() + record.subLayerHooks()).as("hooks of a prompt-learning method")
                        .isZero();
            } else {
                assertThat(record.linearHooks() + record.subLayerHooks()).as("hooks of a layer-injection method")
                        .isPositive();
                assertThat(record.virtualTokens()).as("virtual tokens of a layer-injection method").isZero();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    final void onlyItsOwnVariablesTrainAndTheBaseStaysBitForBitUnchanged(TinyArchitecture arch) {
        Trained t = trained(arch);
        Map<String, String> saved = t.model().adapterTensors(ADAPTER);
        assertThat(t.model().trainables()).extracting(TrainableVariable::name).as("trainable variables")
                .containsExactlyInAnyOrderElementsOf(saved.values());
        Set<String> trainable = new HashSet<>(saved.values());
        Map<String, FloatTensor> original = weights.get(arch);
        List<String> frozen = t.model().baseWeightNames().stream().filter(n -> !trainable.contains(n)).toList();
        assertThat(frozen).as("frozen base weights").isNotEmpty();
        for (String name : frozen) {
            assertThat(t.model().read(name)).as("frozen base weight %s after training", name)
                    .isEqualTo(original.get(name));
        }
        long moved = t.initial().entrySet().stream()
                .filter(e -> e.getKey().startsWith("adapters/"))
                .filter(e -> !t.model().read(e.getKey()).equals(e.getValue()))
                .count();
        assertThat(moved).as("variables of the method that training changed").isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    final void anUntrainedAdapterComputesWhatTheBaseModelComputes(TinyArchitecture arch) {
        RecordingMethod method = new RecordingMethod(newMethod(1));
        assumeTrue(method.capabilities().contains(Capability.IDENTITY_AT_INIT),
                "the method does not declare IDENTITY_AT_INIT");
        try (ModelGraph model = builder(arch).adapter(ADAPTER, method).build()) {
            FloatTensor adapted = model.evaluate(batch(arch), model.logits());
            FloatTensor base = base(arch).evaluate(batch(arch), base(arch).logits());
            assertClose(adapted, base, method.record(), "logits of the untrained adapter vs the base model's");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    final void itLearnsASmallFixedTask(TinyArchitecture arch) {
        Trained t = trained(arch);
        assertThat(t.lossAfter()).as("loss after %d steps (before: %s)", trainingSteps(), t.lossBefore())
                .isLessThanOrEqualTo(t.lossBefore() * maxLossRatio());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    final void switchedOffItComputesWhatTheBaseModelComputes(TinyArchitecture arch) {
        Trained t = trained(arch);
        assumeTrue(t.record().unfrozen().isEmpty(), "the method trains base weights " + t.record().unfrozen().keySet()
                + ", which stay trained when it is switched off");
        ModelGraph model = t.model();
        try {
            model.setActiveAdapters(List.of());
            FloatTensor off = model.evaluate(batch(arch), model.hiddenStates());
            FloatTensor base = base(arch).evaluate(batch(arch), base(arch).hiddenStates());
            assertClose(off, base, t.record(), "hidden states with the adapter switched off vs the base model's");
        } finally {
            model.setActiveAdapters(List.of(ADAPTER));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    final void savedAndLoadedItComputesExactlyWhatItComputedBefore(TinyArchitecture arch) throws IOException {
        Trained t = trained(arch);
        Path dir = work.resolve(arch.name().toLowerCase(Locale.ROOT) + "-adapter");
        AdapterWriter.save(t.model(), ADAPTER, dir);
        try (SafetensorsFile file = SafetensorsFile.open(dir.resolve(PeftLayout.WEIGHTS))) {
            assertThat(file.names()).as("tensors in " + PeftLayout.WEIGHTS)
                    .containsExactlyInAnyOrderElementsOf(t.model().adapterTensors(ADAPTER).keySet());
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = (ObjectNode) json.readTree(dir.resolve(PeftLayout.CONFIG).toFile());
        assertThat(config.path(PeftLayout.PEFT_TYPE).asText()).isEqualTo(factory().peftType());
        config.put("a_key_from_a_newer_peft", 1); // unknown keys warn, they do not fail
        Files.writeString(dir.resolve(PeftLayout.CONFIG), config.toPrettyString());

        SavedAdapter saved = new AdapterReader(List.of(factory()), f -> context(SEED + 1)).read(dir);
        try (ModelGraph loaded = SavedAdapter.build(builder(arch), Map.of(ADAPTER, saved))) {
            assertThat(maxAbsDifference(loaded.evaluate(batch(arch), loaded.logits()),
                    t.model().evaluate(batch(arch), t.model().logits())))
                    .as("logits of the loaded adapter vs the saved one's").isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    final void mergedItComputesWhatItComputedUnmerged(TinyArchitecture arch) {
        TuningMethod method = newMethod(1);
        assumeTrue(method.capabilities().contains(Capability.MERGEABLE), "the method does not declare MERGEABLE");
        trained(arch);
        try (ModelGraph model = builder(arch).adapter(ADAPTER, method).build()) {
            copyTrainedValues(arch, model, ADAPTER);
            FloatTensor unmerged = model.evaluate(batch(arch), model.logits());
            assertThat(maxAbsDifference(unmerged, base(arch).evaluate(batch(arch), base(arch).logits())))
                    .as("a trained adapter changes the logits").isGreaterThan(MERGE_TOLERANCE);

            model.merge(ADAPTER);

            assertThat(model.activeAdapters()).as("adapters still active after the merge").isEmpty();
            double scale = Math.max(1, maxAbs(unmerged));
            assertThat(maxAbsDifference(model.evaluate(batch(arch), model.logits()), unmerged))
                    .as("merged vs unmerged logits (largest logit %s)", scale)
                    .isLessThanOrEqualTo(MERGE_TOLERANCE * scale);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    final void twoAdaptersOfItShareOneBaseAndSwitchByName(TinyArchitecture arch) {
        trained(arch);
        RecordingMethod a = new RecordingMethod(newMethod(1));
        try (ModelGraph model = builder(arch).adapter("a", a).adapter("b", newMethod(2)).build()) {
            assertThat(model.adapterTensors("b").keySet()).as("tensor names of two adapters of one method")
                    .isEqualTo(model.adapterTensors("a").keySet());
            copyTrainedValues(arch, model, "a");
            model.setActiveAdapters(List.of("a"));
            FloatTensor onlyA = model.evaluate(batch(arch), model.hiddenStates());
            model.setActiveAdapters(List.of("b"));
            FloatTensor onlyB = model.evaluate(batch(arch), model.hiddenStates());
            assertThat(maxAbsDifference(onlyA, onlyB)).as("hidden states with adapter a vs with adapter b")
                    .isGreaterThan(0);
            if (a.record().unfrozen().isEmpty()) {
                model.setActiveAdapters(List.of());
                assertClose(model.evaluate(batch(arch), model.hiddenStates()),
                        base(arch).evaluate(batch(arch), base(arch).hiddenStates()), a.record(),
                        "hidden states with neither adapter active vs the base model's");
            }
        }
    }

    /**
     * The same values bit for bit when the method only wraps linear layers (a gated-off or zero hook leaves the
     * layer's output untouched), within {@link #SUB_LAYER_TOLERANCE} of the largest value when it hooks sub-layers or
     * prepends tokens: the graph optimiser then fuses the residual additions differently (measured: 3e-7 of the
     * largest value) and rounding differs in the last bits.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    final void withGradientCheckpointingItGetsTheSameGradients(TinyArchitecture arch) {
        Map<String, FloatTensor> plain = gradients(arch, false);
        Map<String, FloatTensor> checkpointed = gradients(arch, true);

        assertThat(checkpointed.keySet()).as("variables with a gradient").containsExactlyElementsOf(plain.keySet());
        plain.forEach((name, expected) -> {
            double scale = Math.max(1, maxAbsDifference(expected, FloatTensor.zeros(expected.shape())));
            assertThat(maxAbsDifference(checkpointed.get(name), expected))
                    .as("gradient of %s with gradient checkpointing vs without", name)
                    .isLessThanOrEqualTo(CHECKPOINT_TOLERANCE * scale);
        });
    }

    /** The gradient of the loss of the fixed task's batch for every trainable variable, dropout on. */
    private Map<String, FloatTensor> gradients(TinyArchitecture arch, boolean checkpointing) {
        ModelOptions options = new ModelOptions(arch.head(), Precision.FP32, true, SEED, 1 << 20, checkpointing);
        try (ModelGraph model = arch.builder(weights.computeIfAbsent(arch, a -> a.weights(SEED)), options)
                .adapter(ADAPTER, newMethod(1)).build()) {
            List<TrainableVariable> trainables = model.trainables();
            Output<?>[] xs = trainables.stream().map(v -> v.variable().asOutput()).toArray(Output<?>[]::new);
            Output<?>[] grads = model.backprop().gradients(model.loss(), xs);
            List<Operand<TFloat32>> fetches = new ArrayList<>();
            for (Output<?> g : grads) {
                fetches.add(g.expect(TFloat32.class));
            }
            Map<String, FloatTensor> out = new LinkedHashMap<>();
            try (Feed feed = model.feed(batch(arch), true)) {
                List<FloatTensor> values = Tensors.run(feed, model.session(), fetches);
                for (int i = 0; i < values.size(); i++) {
                    out.put(trainables.get(i).name(), values.get(i));
                }
            }
            return out;
        }
    }

    private void assertClose(FloatTensor actual, FloatTensor expected, InjectionRecord record, String what) {
        double difference = maxAbsDifference(actual, expected);
        if (bitExact() && record.subLayerHooks() == 0 && record.virtualTokens() == 0) {
            assertThat(difference).as(what + " (linear hooks only: exact)").isZero();
        } else {
            double scale = Math.max(1, maxAbs(expected));
            assertThat(difference).as(what + " (largest value %s)", scale)
                    .isLessThanOrEqualTo(SUB_LAYER_TOLERANCE * scale);
        }
    }

    private ModelGraph base(TinyArchitecture arch) {
        return bases.computeIfAbsent(arch, a -> builder(a).build());
    }

    private Trained trained(TinyArchitecture arch) {
        Trained t = trained.get(arch);
        if (t == null) {
            RecordingMethod method = new RecordingMethod(newMethod(1));
            ModelGraph model = builder(arch).adapter(ADAPTER, method).build();
            Map<String, FloatTensor> initial = new LinkedHashMap<>();
            model.adapterTensors(ADAPTER).values().forEach(v -> initial.put(v, model.read(v)));
            ContractTraining training = new ContractTraining(model, learningRate());
            Batch batch = batch(arch);
            double before = training.loss(batch);
            for (int i = 0; i < trainingSteps(); i++) {
                training.step(batch);
            }
            t = new Trained(model, method.record(), initial, before, training.loss(batch));
            LOG.info("{} on {}: loss {} before, {} after {} AdamW steps at learning rate {}", factory().name(), arch,
                    t.lossBefore(), t.lossAfter(), trainingSteps(), learningRate());
            trained.put(arch, t);
        }
        return t;
    }

    /** Gives {@code adapter} of {@code model} the values training gave the shared trained model's adapter. */
    private void copyTrainedValues(TinyArchitecture arch, ModelGraph model, String adapter) {
        ModelGraph source = trained(arch).model();
        Map<String, String> from = source.adapterTensors(ADAPTER);
        model.adapterTensors(adapter).forEach((saved, variable) -> model.write(variable,
                source.read(from.get(saved))));
    }

    private static double maxAbs(FloatTensor t) {
        double max = 0;
        for (float v : t.data()) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    /** The largest absolute difference of two tensors of one shape. */
    protected static double maxAbsDifference(FloatTensor a, FloatTensor b) {
        assertThat(a.shape()).as("shapes").isEqualTo(b.shape());
        double max = 0;
        for (int i = 0; i < a.data().length; i++) {
            max = Math.max(max, Math.abs((double) a.data()[i] - b.data()[i]));
        }
        return max;
    }
}
