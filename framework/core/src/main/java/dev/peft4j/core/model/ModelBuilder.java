package dev.peft4j.core.model;

import dev.peft4j.core.gradient.CustomGradients;
import dev.peft4j.core.model.config.ModelConfig;
import dev.peft4j.core.model.graph.Architecture;
import dev.peft4j.core.model.graph.Architectures;
import dev.peft4j.core.model.graph.ForwardGraph;
import dev.peft4j.core.model.graph.TaskHead;
import dev.peft4j.core.model.layers.BuildContext;
import dev.peft4j.core.model.layers.Checkpoints;
import dev.peft4j.core.model.layers.Compute;
import dev.peft4j.core.model.layers.Dropout;
import dev.peft4j.core.model.surgery.AdapterSurgery;
import dev.peft4j.core.model.surgery.HookPlan;
import dev.peft4j.core.model.surgery.ModelFacts;
import dev.peft4j.core.model.weights.WeightRegistry;
import dev.peft4j.core.tokenizer.TextTokenizer;
import dev.peft4j.spi.method.TuningMethod;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TBool;

/**
 * Builds a {@link ModelGraph} in four steps: declare the frozen weights (from config.json alone the layer list is
 * known), let each adapter's method inject itself through a {@link dev.peft4j.spi.method.ModelSurgery} (recording
 * hooks, adding variables), build the forward pass with the hooks woven in, then copy all weights into the session.
 *
 * <pre>{@code
 * ModelConfig config = ModelConfigReader.read(dir.resolve("config.json"));
 * try (ModelGraph model = ModelBuilder.create(config, weights, options).adapter("default", lora).build()) { ... }
 * }</pre>
 */
public final class ModelBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ModelBuilder.class);
    /** Where Hugging Face PEFT saves a model's own tensors in an adapter file. */
    private static final String SAVED_PREFIX = "base_model.model.";
    private static final Pattern ADAPTER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private final ModelConfig config;
    private final WeightStore store;
    private final ModelOptions options;
    private final Map<String, TuningMethod> adapters = new LinkedHashMap<>();
    private ConfigProto sessionConfig;
    private TextTokenizer tokenizer;
    private float[] classWeights;
    private String modelNameOrPath;

    private ModelBuilder(ModelConfig config, WeightStore store, ModelOptions options) {
        this.config = config;
        this.store = store;
        this.options = options;
    }

    /** @param store the checkpoint's tensors; read while {@link #build()} runs, not afterwards */
    public static ModelBuilder create(ModelConfig config, WeightStore store, ModelOptions options) {
        return new ModelBuilder(config, store, options);
    }

    /** Adds an adapter; adapters are injected (and their hooks chained) in the order added. */
    public ModelBuilder adapter(String name, TuningMethod method) {
        if (!ADAPTER_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("adapter name '" + name + "' must match " + ADAPTER_NAME.pattern());
        }
        if (adapters.putIfAbsent(name, method) != null) {
            throw new IllegalArgumentException("an adapter named '" + name + "' is already added");
        }
        return this;
    }

    /** Session options, e.g. thread pools or GPU memory growth; TensorFlow's defaults otherwise. */
    public ModelBuilder sessionConfig(ConfigProto proto) {
        this.sessionConfig = proto;
        return this;
    }

    /**
     * The base model's tokenizer, for methods that encode text while they are injected (prompt tuning's text
     * initialisation). Optional: without one, such a method fails with a message that says so. Not closed here.
     */
    public ModelBuilder tokenizer(TextTokenizer baseTokenizer) {
        this.tokenizer = baseTokenizer;
        return this;
    }

    /**
     * Weights the classification loss by class (e.g. {@code data.balance.strategy = class-weights}): the loss is the
     * weighted mean over rows, as PyTorch's {@code CrossEntropyLoss(weight=...)}. Optional.
     */
    public ModelBuilder classWeights(float[] weights) {
        this.classWeights = weights == null ? null : weights.clone();
        return this;
    }

    /** The base model's name or path, saved as {@code base_model_name_or_path} with every adapter. Optional. */
    public ModelBuilder modelNameOrPath(String nameOrPath) {
        this.modelNameOrPath = nameOrPath;
        return this;
    }

    public ModelGraph build() {
        CustomGradients.registerBuiltins();
        long start = System.nanoTime();
        Graph graph = new Graph();
        Session session = null;
        try {
            Ops tf = Ops.create(graph);
            Architecture arch = Architectures.forConfig(config);
            ModelInputs inputs = ModelInputs.create(tf, options.head());
            WeightRegistry weights = new WeightRegistry(tf, store, arch.names());
            arch.declare(weights, options.head(), options.seed());
            TaskHead head = new TaskHead(arch, options.head(), classWeights);
            head.declare(weights, options.seed());

            HookPlan plan = new HookPlan();
            Map<String, Operand<TBool>> gates = inject(tf, arch, head, weights, plan, inputs.training());

            BuildContext ctx = new BuildContext(tf, new Compute(tf, options.precision()),
                    new Dropout(tf, inputs.training(), options.dropout(), options.seed()), plan,
                    new Checkpoints(graph, tf, options.gradientCheckpointing()));
            ForwardGraph.Outputs outputs = ForwardGraph.build(ctx, arch, head, inputs.inputIds(),
                    inputs.attentionMask(), inputs.tokenTypeIds(), inputs.labels());

            session = sessionConfig == null ? new Session(graph) : new Session(graph, sessionConfig);
            weights.initialize(session, options.weightLoadChunkBytes());
            FeedBuilder feeds = new FeedBuilder(inputs, options.head(), config.vocabSize(), arch.maxPositions(),
                    plan.promptLength());
            LOG.info("built {} ({} layers, hidden {}) with head {} and adapters {} in {} ms: {} parameters, "
                    + "{} trainable",
                    config.modelType(), config.numLayers(), config.hiddenSize(), options.head().type(),
                    adapters.keySet(), (System.nanoTime() - start) / 1_000_000, weights.parameterCount(),
                    weights.trainables().stream().mapToLong(TrainableVariable::size).sum());
            return new ModelGraph(new ModelGraph.Parts(graph, session, tf, config, options, inputs, outputs, weights,
                    gates, Map.copyOf(adapters), feeds, head.module(), headModules(weights), modelNameOrPath,
                    ctx.checkpoints()));
        } catch (RuntimeException e) {
            if (session != null) {
                session.close();
            }
            graph.close();
            throw e;
        }
    }

    /** The modules of the new weights ({@code classifier}, {@code bert.pooler.dense}), as modules_to_save names them. */
    private static List<String> headModules(WeightRegistry weights) {
        return weights.headWeightNames().stream().map(n -> n.substring(0, n.lastIndexOf('.'))).distinct().toList();
    }

    /**
     * Injects each adapter's method. A classification or regression head is new and trained with every adapter, so,
     * as Hugging Face PEFT does for {@code SEQ_CLS} ({@code modules_to_save}), each adapter saves it too, under
     * {@code base_model.model.<head weight>}; so are other new weights (BERT's pooler, when the checkpoint has none).
     */
    private Map<String, Operand<TBool>> inject(Ops tf, Architecture arch, TaskHead head, WeightRegistry weights,
            HookPlan plan, Operand<TBool> training) {
        ModelFacts facts = new ModelFacts(config.spec(), arch.defaultTargetModules(), arch.wordEmbeddingName(),
                modelNameOrPath, tokenizer);
        Map<String, Operand<TBool>> gates = new LinkedHashMap<>();
        Ops switches = tf.withSubScope("adapter_switches");
        Ops adapterOps = tf.withSubScope("adapter_ops");
        for (Map.Entry<String, TuningMethod> e : adapters.entrySet()) {
            String name = e.getKey();
            Operand<TBool> gate = switches.withName(name).placeholderWithDefault(tf.constant(true), Shape.scalar());
            gates.put(name, gate);
            AdapterSurgery surgery = new AdapterSurgery(name, e.getValue().prefix(), adapterOps.withSubScope(name),
                    facts, weights, plan, gate, training);
            e.getValue().inject(surgery);
            surgery.close();
            for (String headWeight : weights.headWeightNames()) {
                weights.unfreeze(name, headWeight, SAVED_PREFIX + headWeight);
            }
        }
        return gates;
    }
}
