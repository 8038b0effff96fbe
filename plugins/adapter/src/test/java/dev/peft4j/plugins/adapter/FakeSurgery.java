package dev.peft4j.plugins.adapter;

import dev.peft4j.spi.FloatTensor;
import dev.peft4j.spi.method.LinearHook;
import dev.peft4j.spi.method.LinearLayer;
import dev.peft4j.spi.method.ModelSpec;
import dev.peft4j.spi.method.ModelSurgery;
import dev.peft4j.spi.method.SubLayer;
import dev.peft4j.spi.method.SubLayerHook;
import dev.peft4j.testkit.tensor.Tensors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/** A stand-in for the host's model surgery on a real TensorFlow graph: records variables and sub-layer hooks. */
public final class FakeSurgery implements ModelSurgery {

    /** Where a hook was attached. */
    public record Site(int block, SubLayer subLayer) {
    }

    private final Ops tf;
    private final ModelSpec spec;
    private final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
    private final Map<String, FloatTensor> initialValues = new LinkedHashMap<>();
    private final Map<Site, List<SubLayerHook>> hooks = new LinkedHashMap<>();
    private final PlaceholderWithDefault<TBool> training;

    public FakeSurgery(Graph graph, ModelSpec spec) {
        this.tf = Ops.create(graph);
        this.spec = spec;
        this.training = tf.placeholderWithDefault(tf.constant(false), Shape.scalar());
    }

    /** The sub-layer's output with every hook of {@code site} applied, as the host would build it. */
    public Operand<TFloat32> output(Site site, Operand<TFloat32> input, Operand<TFloat32> output) {
        Operand<TFloat32> out = output;
        for (SubLayerHook hook : hooks.getOrDefault(site, List.of())) {
            out = hook.apply(tf, input, out);
        }
        return out;
    }

    public Map<String, Variable<TFloat32>> variables() {
        return variables;
    }

    public Map<String, FloatTensor> initialValues() {
        return initialValues;
    }

    public Map<Site, List<SubLayerHook>> hooks() {
        return hooks;
    }

    /** False unless fed: feed true to run as in training. */
    public PlaceholderWithDefault<TBool> trainingFlag() {
        return training;
    }

    @Override
    public Ops tf() {
        return tf;
    }

    @Override
    public ModelSpec model() {
        return spec;
    }

    @Override
    public List<LinearLayer> linearLayers() {
        return List.of();
    }

    @Override
    public List<String> defaultTargetModules() {
        return List.of();
    }

    @Override
    public Variable<TFloat32> addVariable(String name, FloatTensor initial) {
        if (variables.containsKey(name)) {
            throw new IllegalArgumentException("variable added twice: " + name);
        }
        Variable<TFloat32> variable = tf.withName(name).variable(Tensors.constant(tf, initial));
        variables.put(name, variable);
        initialValues.put(name, initial);
        return variable;
    }

    @Override
    public Variable<TFloat32> unfreeze(String baseWeightName, String savedName) {
        throw new UnsupportedOperationException("adapters do not unfreeze base weights");
    }

    @Override
    public FloatTensor baseWeight(String name) {
        throw new UnsupportedOperationException("adapters do not read base weights");
    }

    @Override
    public void wrapLinear(LinearLayer layer, LinearHook hook) {
        throw new UnsupportedOperationException("adapters do not wrap linear layers");
    }

    @Override
    public void hookSubLayer(int layerIndex, SubLayer subLayer, SubLayerHook hook) {
        if (layerIndex < 0 || layerIndex >= spec.numLayers()) {
            throw new IllegalArgumentException("no block " + layerIndex);
        }
        hooks.computeIfAbsent(new Site(layerIndex, subLayer), s -> new ArrayList<>()).add(hook);
    }

    @Override
    public void prependVirtualTokens(Operand<TFloat32> embeddings) {
        throw new UnsupportedOperationException("adapters do not prepend tokens");
    }

    @Override
    public Operand<TBool> training() {
        return training;
    }
}
