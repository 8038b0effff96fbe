package dev.peft4j.plugins.prompttuning;

import dev.peft4j.spi.FloatTensor;
import dev.peft4j.spi.method.LinearHook;
import dev.peft4j.spi.method.LinearLayer;
import dev.peft4j.spi.method.ModelSpec;
import dev.peft4j.spi.method.ModelSurgery;
import dev.peft4j.spi.method.SubLayer;
import dev.peft4j.spi.method.SubLayerHook;
import dev.peft4j.testkit.tensor.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * A stand-in for the host's model surgery on a real TensorFlow graph: a word embedding, a whitespace "tokenizer" over
 * a fixed vocabulary, and a record of the variables added and the embeddings prepended.
 */
public final class FakeSurgery implements ModelSurgery {

    public static final String EMBEDDING = "transformer.wte.weight";

    private final Ops tf;
    private final ModelSpec spec;
    private final FloatTensor embedding;
    private final List<String> vocabulary;
    private final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
    private final Map<String, FloatTensor> initialValues = new LinkedHashMap<>();
    private final List<Operand<TFloat32>> prepended = new ArrayList<>();
    private final List<String> tokenized = new ArrayList<>();

    /** @param vocabulary the tokens, id = position; the embedding gets one row per token */
    public FakeSurgery(Graph graph, int hidden, List<String> vocabulary, long seed) {
        this.tf = Ops.create(graph);
        this.spec = new ModelSpec("gpt2", 2, hidden, 2, 4 * hidden, vocabulary.size());
        this.vocabulary = List.copyOf(vocabulary);
        this.embedding = Tensors.random(new SplittableRandom(seed), 0.1, vocabulary.size(), hidden);
    }

    public FloatTensor embedding() {
        return embedding;
    }

    public Map<String, FloatTensor> initialValues() {
        return initialValues;
    }

    public Map<String, Variable<TFloat32>> variables() {
        return variables;
    }

    public List<Operand<TFloat32>> prepended() {
        return prepended;
    }

    /** Texts the method asked to tokenize. */
    public List<String> tokenized() {
        return tokenized;
    }

    @Override
    public long[] tokenize(String text) {
        tokenized.add(text);
        return Arrays.stream(text.trim().split("\\s+")).filter(w -> !w.isEmpty())
                .mapToLong(word -> {
                    int id = vocabulary.indexOf(word);
                    if (id < 0) {
                        throw new IllegalArgumentException("not in the test vocabulary: " + word);
                    }
                    return id;
                }).toArray();
    }

    @Override
    public String wordEmbeddingName() {
        return EMBEDDING;
    }

    @Override
    public String modelNameOrPath() {
        return "/models/tiny-gpt2";
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
        throw new UnsupportedOperationException("prompt tuning unfreezes nothing");
    }

    @Override
    public FloatTensor baseWeight(String name) {
        if (!name.equals(EMBEDDING)) {
            throw new IllegalArgumentException("no base weight " + name);
        }
        return embedding;
    }

    @Override
    public void wrapLinear(LinearLayer layer, LinearHook hook) {
        throw new UnsupportedOperationException("prompt tuning wraps no layer");
    }

    @Override
    public void hookSubLayer(int layerIndex, SubLayer subLayer, SubLayerHook hook) {
        throw new UnsupportedOperationException("prompt tuning hooks no sub-layer");
    }

    @Override
    public void prependVirtualTokens(Operand<TFloat32> embeddings) {
        prepended.add(embeddings);
    }

    @Override
    public Operand<TBool> training() {
        throw new UnsupportedOperationException("prompt tuning has no dropout");
    }
}
