package dev.peft4j.core.model.surgery;

import dev.peft4j.core.model.weights.WeightRegistry;
import dev.peft4j.spi.FloatTensor;
import dev.peft4j.spi.method.LinearHook;
import dev.peft4j.spi.method.LinearLayer;
import dev.peft4j.spi.method.ModelSpec;
import dev.peft4j.spi.method.ModelSurgery;
import dev.peft4j.spi.method.SubLayer;
import dev.peft4j.spi.method.SubLayerHook;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * The {@link ModelSurgery} one adapter sees during {@code inject}. The frozen base weights exist already (so
 * {@link LinearLayer#weight()} is a real operand), but the forward pass does not: hooks and virtual tokens are
 * recorded in the {@link HookPlan} and woven in when the host builds the forward graph right after. Once
 * {@code inject} returns the surgery is closed and refuses further changes.
 */
public final class AdapterSurgery implements ModelSurgery {

    /** The longest encoding {@link #tokenize} asks for: in effect no truncation. */
    private static final int UNTRUNCATED = Integer.MAX_VALUE;

    private final String adapter;
    private final String prefix;
    private final Ops tf;
    private final ModelFacts facts;
    private final WeightRegistry weights;
    private final HookPlan plan;
    private final Operand<TBool> active;
    private final Operand<TBool> training;
    private boolean closed;

    /**
     * @param tf     where the adapter's ops go (its own name scope)
     * @param active the adapter's on/off switch; hooks and virtual tokens are gated by it
     */
    public AdapterSurgery(String adapter, String prefix, Ops tf, ModelFacts facts, WeightRegistry weights,
            HookPlan plan, Operand<TBool> active, Operand<TBool> training) {
        this.adapter = adapter;
        this.prefix = prefix;
        this.tf = tf;
        this.facts = facts;
        this.weights = weights;
        this.plan = plan;
        this.active = active;
        this.training = training;
    }

    @Override
    public Ops tf() {
        return tf;
    }

    @Override
    public ModelSpec model() {
        return facts.spec();
    }

    @Override
    public List<LinearLayer> linearLayers() {
        return weights.linearLayers();
    }

    @Override
    public List<String> defaultTargetModules() {
        return facts.defaultTargetModules();
    }

    @Override
    public Variable<TFloat32> addVariable(String name, FloatTensor initial) {
        checkOpen();
        if (!name.contains(prefix)) {
            throw new IllegalArgumentException("adapter '" + adapter + "': variable '" + name
                    + "' does not contain the method's prefix '" + prefix + "'; every variable a method adds must, so "
                    + "that its adapter file can be told apart from base weights");
        }
        return weights.addAdapterVariable(adapter, name, initial);
    }

    @Override
    public Variable<TFloat32> unfreeze(String baseWeightName, String savedName) {
        checkOpen();
        return weights.unfreeze(adapter, baseWeightName, savedName);
    }

    @Override
    public List<String> baseWeightNames() {
        return weights.baseWeightNames();
    }

    @Override
    public FloatTensor baseWeight(String name) {
        if (!weights.baseWeightNames().contains(name)) {
            throw new IllegalArgumentException("the model has no base weight '" + name + "'; base weights: "
                    + weights.baseWeightNames());
        }
        return weights.value(name);
    }

    @Override
    public void wrapLinear(LinearLayer layer, LinearHook hook) {
        checkOpen();
        boolean known = weights.linearLayers().stream().anyMatch(l -> l.name().equals(layer.name()));
        if (!known) {
            throw new IllegalArgumentException("adapter '" + adapter + "': the model has no linear layer '"
                    + layer.name() + "'; pick one from linearLayers()");
        }
        plan.addLinear(layer.name(), new HookPlan.Gated<>(tf, active, hook));
    }

    @Override
    public void hookSubLayer(int layerIndex, SubLayer subLayer, SubLayerHook hook) {
        checkOpen();
        if (layerIndex < 0 || layerIndex >= facts.spec().numLayers()) {
            throw new IllegalArgumentException("adapter '" + adapter + "': layer index " + layerIndex
                    + " is outside the model's blocks 0.." + (facts.spec().numLayers() - 1));
        }
        plan.addSubLayer(layerIndex, subLayer, new HookPlan.Gated<>(tf, active, hook));
    }

    @Override
    public void prependVirtualTokens(Operand<TFloat32> embeddings) {
        checkOpen();
        Shape shape = embeddings.shape();
        if (shape.numDimensions() != 2 || shape.isUnknown() || shape.size(0) <= 0
                || shape.size(1) != facts.spec().hiddenSize()) {
            throw new IllegalArgumentException("adapter '" + adapter + "': virtual tokens must have the static shape "
                    + "[count, " + facts.spec().hiddenSize() + "] but have " + Arrays.toString(shape.asArray()));
        }
        plan.addPrompt(new HookPlan.Prompt(adapter, embeddings, (int) shape.size(0), active));
    }

    @Override
    public Operand<TBool> training() {
        return training;
    }

    /**
     * Encodes with the base model's tokenizer, special tokens included and untruncated, as Hugging Face's
     * {@code tokenizer(text)["input_ids"]} does.
     */
    @Override
    public long[] tokenize(String text) {
        if (facts.tokenizer() == null) {
            throw new UnsupportedOperationException("adapter '" + adapter + "': the tuning method needs the token ids "
                    + "of \"" + text + "\" (e.g. prompt tuning's text initialisation) but this model was built without "
                    + "a tokenizer; build it with ModelBuilder.tokenizer(...) (the pipeline does when the checkpoint "
                    + "has a tokenizer.json), or choose an initialisation that needs no text");
        }
        return facts.tokenizer().encode(text, null, UNTRUNCATED).ids();
    }

    @Override
    public String wordEmbeddingName() {
        return facts.wordEmbeddingName();
    }

    @Override
    public String modelNameOrPath() {
        return facts.modelNameOrPath();
    }

    /** Ends the injection: later calls that would change the model fail instead of being silently ignored. */
    public void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("adapter '" + adapter + "': the model graph is already built; ModelSurgery "
                    + "changes are only possible inside TuningMethod.inject");
        }
    }
}
