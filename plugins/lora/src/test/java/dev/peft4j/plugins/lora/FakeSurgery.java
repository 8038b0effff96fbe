package dev.peft4j.plugins.lora;

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
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * A stand-in for the host's model surgery on a real TensorFlow graph: linear layers with random frozen weights, and a
 * record of what the method added. {@link #output} computes a layer as the host would, hooks included.
 */
public final class FakeSurgery implements ModelSurgery {

    private final Ops tf;
    private final ModelSpec spec;
    private final List<LinearLayer> layers = new ArrayList<>();
    private final List<String> defaults;
    private final Map<String, FloatTensor> baseWeights = new LinkedHashMap<>();
    private final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
    private final Map<String, FloatTensor> initialValues = new LinkedHashMap<>();
    private final Map<String, String> unfrozen = new LinkedHashMap<>();
    private final Map<LinearLayer, List<LinearHook>> hooks = new LinkedHashMap<>();
    private final PlaceholderWithDefault<TBool> training;

    private FakeSurgery(Graph graph, ModelSpec spec, List<String> defaults) {
        this.tf = Ops.create(graph);
        this.spec = spec;
        this.defaults = List.copyOf(defaults);
        this.training = tf.placeholderWithDefault(tf.constant(false), Shape.scalar());
    }

    /**
     * GPT-2's linear layers (all Conv1D, stored [in, out]) for {@code blocks} blocks of width {@code hidden}, plus a
     * [out, in] classification head named {@code score}.
     */
    public static FakeSurgery gpt2(Graph graph, int blocks, int hidden, long seed) {
        FakeSurgery surgery = new FakeSurgery(graph, new ModelSpec("gpt2", blocks, hidden, 2, 4 * hidden, 50), List.of("c_attn"));
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < blocks; i++) {
            String block = "transformer.h." + i;
            surgery.addLayer(block + ".attn.c_attn", i, hidden, 3 * hidden, true, true, random);
            surgery.addLayer(block + ".attn.c_proj", i, hidden, hidden, true, true, random);
            surgery.addLayer(block + ".mlp.c_fc", i, hidden, 4 * hidden, true, true, random);
            surgery.addLayer(block + ".mlp.c_proj", i, 4 * hidden, hidden, true, true, random);
        }
        surgery.addLayer("score", -1, hidden, 2, false, false, random);
        return surgery;
    }

    /** LLaMA's attention and MLP projections (stored [out, in], no biases). */
    public static FakeSurgery llama(Graph graph, int blocks, int hidden, long seed) {
        FakeSurgery surgery = new FakeSurgery(graph, new ModelSpec("llama", blocks, hidden, 2, 2 * hidden, 50),
                List.of("q_proj", "v_proj"));
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < blocks; i++) {
            String block = "model.layers." + i;
            for (String projection : List.of("q_proj", "k_proj", "v_proj", "o_proj")) {
                surgery.addLayer(block + ".self_attn." + projection, i, hidden, hidden, false, false, random);
            }
            surgery.addLayer(block + ".mlp.gate_proj", i, hidden, 2 * hidden, false, false, random);
            surgery.addLayer(block + ".mlp.up_proj", i, hidden, 2 * hidden, false, false, random);
            surgery.addLayer(block + ".mlp.down_proj", i, 2 * hidden, hidden, false, false, random);
        }
        return surgery;
    }

    private void addLayer(String name, int block, int in, int out, boolean fanInFanOut, boolean withBias,
            SplittableRandom random) {
        FloatTensor weight = fanInFanOut
                ? Tensors.random(random, 0.5, in, out)
                : Tensors.random(random, 0.5, out, in);
        baseWeights.put(name + ".weight", weight);
        Operand<TFloat32> bias = null;
        if (withBias) {
            FloatTensor biasValue = Tensors.random(random, 0.5, out);
            baseWeights.put(name + ".bias", biasValue);
            bias = Tensors.constant(tf, biasValue);
        }
        layers.add(new LinearLayer(name, block, in, out, fanInFanOut, Tensors.constant(tf, weight), bias));
    }

    /** Every base weight by checkpoint name. */
    public Map<String, FloatTensor> baseWeights() {
        return baseWeights;
    }

    public LinearLayer layer(String name) {
        return layers.stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }

    /** The layer's output for {@code input} [tokens, in]: x·W (+ b), then every hook in order. */
    public Operand<TFloat32> output(LinearLayer layer, Operand<TFloat32> input) {
        Operand<TFloat32> out = tf.linalg.matMul(input, layer.weight(), MatMul.transposeB(!layer.fanInFanOut()));
        if (layer.bias() != null) {
            out = tf.math.add(out, layer.bias());
        }
        for (LinearHook hook : hooks.getOrDefault(layer, List.of())) {
            out = hook.apply(tf, input, out);
        }
        return out;
    }

    /** The same model without any hook: what the base model computes. */
    public record Unhooked(FakeSurgery surgery) {
        public Operand<TFloat32> output(LinearLayer layer, Operand<TFloat32> input) {
            Ops tf = surgery.tf;
            Operand<TFloat32> out = tf.linalg.matMul(input, layer.weight(), MatMul.transposeB(!layer.fanInFanOut()));
            return layer.bias() == null ? out : tf.math.add(out, layer.bias());
        }
    }

    /** False unless fed: feed true to run as in training. */
    public PlaceholderWithDefault<TBool> trainingFlag() {
        return training;
    }

    public Map<String, Variable<TFloat32>> variables() {
        return variables;
    }

    public Map<String, FloatTensor> initialValues() {
        return initialValues;
    }

    /** Saved name by base weight name, for every {@link #unfreeze} call. */
    public Map<String, String> unfrozen() {
        return unfrozen;
    }

    public Map<LinearLayer, List<LinearHook>> hooks() {
        return hooks;
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
        return List.copyOf(layers);
    }

    @Override
    public List<String> defaultTargetModules() {
        return defaults;
    }

    @Override
    public Variable<TFloat32> addVariable(String name, FloatTensor initial) {
        if (variables.containsKey(name)) {
            throw new IllegalArgumentException("variable added twice: " + name);
        }
        Variable<TFloat32> variable = tf.withName(safe(name)).variable(Tensors.constant(tf, initial));
        variables.put(name, variable);
        initialValues.put(name, initial);
        return variable;
    }

    @Override
    public Variable<TFloat32> unfreeze(String baseWeightName, String savedName) {
        if (unfrozen.put(baseWeightName, savedName) != null) {
            throw new IllegalArgumentException("unfrozen twice: " + baseWeightName);
        }
        return tf.variable(Tensors.constant(tf, baseWeight(baseWeightName)));
    }

    @Override
    public FloatTensor baseWeight(String name) {
        FloatTensor weight = baseWeights.get(name);
        if (weight == null) {
            throw new IllegalArgumentException("no base weight " + name);
        }
        return weight;
    }

    @Override
    public void wrapLinear(LinearLayer layer, LinearHook hook) {
        if (!layers.contains(layer)) {
            throw new IllegalArgumentException("not a layer of this model: " + layer.name());
        }
        hooks.computeIfAbsent(layer, l -> new ArrayList<>()).add(hook);
    }

    @Override
    public void hookSubLayer(int layerIndex, SubLayer subLayer, SubLayerHook hook) {
        throw new UnsupportedOperationException("LoRA does not hook sub-layers");
    }

    @Override
    public void prependVirtualTokens(Operand<TFloat32> embeddings) {
        throw new UnsupportedOperationException("LoRA does not prepend tokens");
    }

    @Override
    public Operand<TBool> training() {
        return training;
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9_.]", "_");
    }
}
