package dev.peft4j.core.model;

import dev.peft4j.core.model.config.ModelConfig;
import dev.peft4j.core.model.graph.ForwardGraph;
import dev.peft4j.core.model.weights.WeightRegistry;
import dev.peft4j.spi.FloatTensor;
import dev.peft4j.spi.method.Capability;
import dev.peft4j.spi.method.LinearLayer;
import dev.peft4j.spi.method.MergeContext;
import dev.peft4j.spi.method.ModelSpec;
import dev.peft4j.spi.method.TuningMethod;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * A built transformer with its task head and adapters, in a TensorFlow graph and a session holding its weights.
 * What a trainer needs: {@link #loss()}, {@link #trainables()}, {@link #feed(Batch, boolean)}; the graph is open for
 * the optimizer's ops ({@link #tf()}). Build one with {@link ModelBuilder}. Not thread-safe.
 */
public final class ModelGraph implements AutoCloseable {

    /** The pieces {@link ModelBuilder} assembled. */
    record Parts(Graph graph, Session session, Ops tf, ModelConfig config, ModelOptions options, ModelInputs inputs,
            ForwardGraph.Outputs outputs, WeightRegistry weights, Map<String, Operand<TBool>> gates,
            Map<String, TuningMethod> methods, FeedBuilder feeds, String headModule, List<String> headModules,
            String modelNameOrPath, Backprop backprop) {
    }

    private final Parts parts;
    private final Set<String> active;

    ModelGraph(Parts parts) {
        this.parts = parts;
        this.active = new LinkedHashSet<>(parts.gates().keySet());
    }

    public ModelConfig config() {
        return parts.config();
    }

    public ModelSpec spec() {
        return parts.config().spec();
    }

    public ModelOptions options() {
        return parts.options();
    }

    public Graph graph() {
        return parts.graph();
    }

    public Session session() {
        return parts.session();
    }

    /** Builds further ops (optimizer, metrics) in the model's graph. */
    public Ops tf() {
        return parts.tf();
    }

    public ModelInputs inputs() {
        return parts.inputs();
    }

    /** Feed true while training (dropout on); false by default. */
    public Operand<TBool> training() {
        return parts.inputs().training();
    }

    /** [B, T, vocab] for a causal- or masked-LM head, [B, numLabels] for classification, [B, 1] for regression. */
    public Operand<TFloat32> logits() {
        return parts.outputs().logits();
    }

    /** Scalar mean loss of the batch; needs labels in the feed. */
    public Operand<TFloat32> loss() {
        return parts.outputs().loss();
    }

    /**
     * How to differentiate the loss (or a scalar built on it) with respect to the trained variables: TensorFlow's own,
     * or block by block when the model was built with {@code gradient-checkpointing}. The optimizer takes its
     * gradients here.
     */
    public Backprop backprop() {
        return parts.backprop();
    }

    /** Scalar count of what {@link #loss()} averages over (labelled tokens or rows), to weight accumulated batches. */
    public Operand<TFloat32> lossWeight() {
        return parts.outputs().lossWeight();
    }

    /** [B, T, H] final hidden states of the real tokens. */
    public Operand<TFloat32> hiddenStates() {
        return parts.outputs().hidden();
    }

    public List<LinearLayer> linearLayers() {
        return parts.weights().linearLayers();
    }

    /**
     * Every variable the optimizer should update, each once: the new task head, every adapter's variables and the
     * base weights adapters unfroze. Frozen base weights are never listed.
     */
    public List<TrainableVariable> trainables() {
        return parts.weights().trainables();
    }

    /** Parameters in the graph: base, head and adapters. */
    public long parameterCount() {
        return parts.weights().parameterCount();
    }

    /** The task head's module ({@code classifier}, {@code score}), saved with every adapter; empty for causal LM. */
    public Optional<String> headModule() {
        return Optional.ofNullable(parts.headModule());
    }

    /**
     * The modules of every new weight trained and saved with each adapter, as PEFT's {@code modules_to_save} names
     * them: the task head ({@code classifier}), and BERT's pooler ({@code bert.pooler.dense}) when the checkpoint has
     * none. Empty for a causal-LM head.
     */
    public List<String> headModules() {
        return parts.headModules();
    }

    /** The base model's name or path given to {@link ModelBuilder#modelNameOrPath}, or null. */
    public String modelNameOrPath() {
        return parts.modelNameOrPath();
    }

    /** The method injected as {@code adapter}. */
    public TuningMethod method(String adapter) {
        requireAdapter(adapter);
        return parts.methods().get(adapter);
    }

    /**
     * Names of the checkpoint's weights and the task head's, canonical (as the Hugging Face task model names them,
     * e.g. {@code bert.encoder.layer.0...}), in declaration order; readable with {@link #read}.
     */
    public List<String> baseWeightNames() {
        return parts.weights().baseWeightNames();
    }

    /** Adapter names in injection order. */
    public List<String> adapters() {
        return List.copyOf(parts.gates().keySet());
    }

    public Set<String> activeAdapters() {
        return Set.copyOf(active);
    }

    /**
     * Switches adapters on and off for the following feeds; the rest compute as if absent (the base model when none
     * is active). All adapters start active.
     */
    public void setActiveAdapters(Collection<String> adapters) {
        for (String a : adapters) {
            if (!parts.gates().containsKey(a)) {
                throw new IllegalArgumentException("no adapter '" + a + "'; the model has " + adapters());
            }
        }
        active.clear();
        active.addAll(adapters);
    }

    /** What {@code adapter} saves: tensor name in its adapter file → variable name for {@link #read}/{@link #write}. */
    public Map<String, String> adapterTensors(String adapter) {
        requireAdapter(adapter);
        return parts.weights().savedBy(adapter);
    }

    /** The current value of a variable, by {@link TrainableVariable#name()} or base weight name. */
    public FloatTensor read(String variable) {
        return parts.weights().value(variable);
    }

    /** Overwrites a variable (e.g. with a loaded adapter's tensor); the shape must match. */
    public void write(String variable, FloatTensor value) {
        parts.weights().assign(variable, value);
    }

    /** Base weights and adapter variables as {@code adapter}'s {@link TuningMethod#merge} sees them. */
    public MergeContext mergeContext(String adapter) {
        requireAdapter(adapter);
        return new GraphMergeContext(parts.weights(), adapter);
    }

    /**
     * Folds {@code adapter} into the base weights and switches it off, so the model computes the same as before
     * without the adapter's overhead.
     */
    public void merge(String adapter) {
        requireAdapter(adapter);
        TuningMethod method = parts.methods().get(adapter);
        if (!method.capabilities().contains(Capability.MERGEABLE)) {
            throw new UnsupportedOperationException("adapter '" + adapter + "' (" + method.getClass().getSimpleName()
                    + ") cannot be merged into the base weights");
        }
        method.merge(mergeContext(adapter));
        active.remove(adapter);
    }

    /** The tensors for one batch; {@code training} turns dropout on. Close the feed after the run. */
    public Feed feed(Batch batch, boolean training) {
        return parts.feeds().build(batch, training, parts.gates(), active);
    }

    /** Evaluates {@code output} (e.g. {@link #logits()}) on a batch in inference mode. */
    public FloatTensor evaluate(Batch batch, Operand<TFloat32> output) {
        try (Feed feed = feed(batch, false);
                Result result = feed.applyTo(session().runner()).fetch(output).run()) {
            TFloat32 t = (TFloat32) result.get(0);
            float[] data = new float[Math.toIntExact(t.shape().size())];
            t.copyTo(DataBuffers.of(data, false, false));
            return new FloatTensor(t.shape().asArray(), data);
        }
    }

    @Override
    public void close() {
        parts.session().close();
        parts.graph().close();
    }

    private void requireAdapter(String adapter) {
        if (!parts.gates().containsKey(adapter)) {
            throw new IllegalArgumentException("no adapter '" + adapter + "'; the model has " + adapters());
        }
    }
}
