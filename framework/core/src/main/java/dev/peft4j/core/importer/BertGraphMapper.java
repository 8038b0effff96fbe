package dev.peft4j.core.importer;

import dev.peft4j.spi.FloatTensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the graph of a BERT exported to ONNX by PyTorch into Hugging Face {@code BertModel} tensors and architecture.
 *
 * <p>Named initializers (embeddings, biases, LayerNorm weights) already carry their Hugging Face names. The exporter
 * stores each linear layer's weight pre-transposed, [in, out], under an anonymous name ({@code onnx::MatMul_787}):
 * such a weight feeds {@code MatMul(x, W)} whose output goes into the {@code Add} of the layer's named bias
 * {@code X.bias}, so it is {@code X.weight}, transposed back to the [out, in] of {@code torch.nn.Linear}. What the
 * weights do not say (heads, LayerNorm epsilon, activation) is read from the graph's operators.
 */
final class BertGraphMapper {

    /** BertForX exports prefix the encoder's names with its attribute name; BertModel has none. */
    private static final String MODEL_PREFIX = "bert.";
    private static final Pattern LAYER = Pattern.compile("^encoder\\.layer\\.(\\d+)\\.");

    private final OnnxGraph graph;
    private final String source;

    private BertGraphMapper(OnnxGraph graph, String source) {
        this.graph = graph;
        this.source = source;
    }

    /** The weights, by Hugging Face name, and the architecture (pad token id still 0: the tokenizer knows it). */
    record Mapped(Map<String, FloatTensor> weights, BertConfig config) {
    }

    static Mapped map(OnnxGraph graph, String source) {
        return new BertGraphMapper(graph, source).map();
    }

    private Mapped map() {
        Map<String, FloatTensor> weights = new TreeMap<>();
        for (Map.Entry<String, OnnxTensor> e : graph.initializers().entrySet()) {
            String onnxName = e.getKey();
            OnnxTensor tensor = e.getValue();
            Optional<OnnxNode> matMul = matMulFedBy(onnxName);
            if (matMul.isPresent()) {
                put(weights, linearWeightName(onnxName, matMul.get()), transposed(tensor));
            } else if (tensor.dataType() != OnnxTensor.FLOAT) {
                checkBuffer(onnxName, tensor);
            } else {
                put(weights, hfName(onnxName), new FloatTensor(tensor.dims(), tensor.floats()));
            }
        }
        BertConfig config = architecture(weights);
        checkNamesAndShapes(weights, config);
        return new Mapped(weights, config);
    }

    private void put(Map<String, FloatTensor> weights, String name, FloatTensor tensor) {
        if (weights.put(name, tensor) != null) {
            throw new OnnxImportException(source, "two initializers map to the Hugging Face name '" + name + "'");
        }
    }

    private static String hfName(String onnxName) {
        return onnxName.startsWith(MODEL_PREFIX) ? onnxName.substring(MODEL_PREFIX.length()) : onnxName;
    }

    /** The MatMul this initializer is the right-hand operand of, if it is one. */
    private Optional<OnnxNode> matMulFedBy(String initializer) {
        List<OnnxNode> users = graph.consumers(initializer);
        Optional<OnnxNode> matMul = users.stream()
                .filter(n -> n.opType().equals("MatMul") && n.input(1).equals(initializer)).findFirst();
        if (matMul.isPresent() && users.size() != 1) {
            throw new OnnxImportException(source, "initializer '" + initializer + "' feeds " + users.size()
                    + " nodes (" + users + "); a linear layer's weight feeds its MatMul only");
        }
        return matMul;
    }

    private String linearWeightName(String initializer, OnnxNode matMul) {
        String product = matMul.outputs().get(0);
        List<OnnxNode> users = graph.consumers(product);
        OnnxNode add = users.size() == 1 && users.get(0).opType().equals("Add") ? users.get(0) : null;
        String bias = add == null ? null : add.inputs().stream()
                .filter(i -> !i.equals(product) && graph.initializers().containsKey(i)).findFirst().orElse(null);
        if (bias == null || !bias.endsWith(".bias")) {
            throw new OnnxImportException(source, "initializer '" + initializer + "' feeds " + matMul
                    + ", whose output goes to " + users + " instead of one Add with a named '<layer>.bias' "
                    + "initializer; this is not the PyTorch export of a BERT linear layer the importer knows");
        }
        return hfName(bias.substring(0, bias.length() - ".bias".length()) + ".weight");
    }

    private FloatTensor transposed(OnnxTensor tensor) {
        long[] dims = tensor.dims();
        if (dims.length != 2) {
            throw new OnnxImportException(source, "linear weight '" + tensor.name() + "' has dims "
                    + Arrays.toString(dims) + ", expected [in, out]");
        }
        int in = (int) dims[0];
        int out = (int) dims[1];
        float[] src = tensor.floats();
        float[] dst = new float[src.length];
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                dst[o * in + i] = src[i * out + o];
            }
        }
        return new FloatTensor(new long[] {out, in}, dst);
    }

    /**
     * Integer initializers are the registered buffers {@code position_ids} (0..n-1, which transformers no longer
     * saves) and {@code token_type_ids} (zeros); anything else is unexpected.
     */
    private void checkBuffer(String name, OnnxTensor tensor) {
        if (name.endsWith("position_ids")) {
            long[] ids = tensor.longs();
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] != i) {
                    throw new OnnxImportException(source, "buffer '" + name + "' is not 0, 1, 2, ... (position "
                            + i + " holds " + ids[i] + "); the model does not use absolute positions as BERT does");
                }
            }
        } else if (!name.endsWith("token_type_ids")) {
            throw new OnnxImportException(source, "initializer '" + name + "' has ONNX data type "
                    + tensor.dataType() + "; a BERT checkpoint holds fp32 weights only");
        }
    }

    private BertConfig architecture(Map<String, FloatTensor> weights) {
        FloatTensor words = required(weights, "embeddings.word_embeddings.weight");
        FloatTensor positions = required(weights, "embeddings.position_embeddings.weight");
        FloatTensor types = required(weights, "embeddings.token_type_embeddings.weight");
        FloatTensor intermediate = required(weights, "encoder.layer.0.intermediate.dense.bias");
        int hidden = (int) words.dim(1);
        return new BertConfig((int) words.dim(0), hidden, layerCount(weights), heads(hidden),
                (int) intermediate.dim(0), (int) positions.dim(0), (int) types.dim(0), activation(),
                layerNormEpsilon(), 0);
    }

    private FloatTensor required(Map<String, FloatTensor> weights, String name) {
        FloatTensor t = weights.get(name);
        if (t == null) {
            throw new OnnxImportException(source, "no initializer gives '" + name + "'; a BertModel export has it"
                    + " (initializers: " + graph.initializers().keySet().stream().limit(8).toList() + " ...)");
        }
        return t;
    }

    private int layerCount(Map<String, FloatTensor> weights) {
        TreeSet<Integer> layers = new TreeSet<>();
        for (String name : weights.keySet()) {
            Matcher m = LAYER.matcher(name);
            if (m.find()) {
                layers.add(Integer.parseInt(m.group(1)));
            }
        }
        if (layers.isEmpty() || layers.first() != 0 || layers.last() != layers.size() - 1) {
            throw new OnnxImportException(source, "encoder layers must be numbered 0..n-1, found " + layers);
        }
        return layers.size();
    }

    /** Heads: the query projection is reshaped to [batch, seq, heads, head size] before attention. */
    private int heads(int hidden) {
        String bias = "encoder.layer.0.attention.self.query.bias";
        OnnxNode add = graph.consumers(onnxNameOf(bias)).stream().filter(n -> n.opType().equals("Add"))
                .findFirst().orElseThrow(() -> new OnnxImportException(source, "no Add node uses '" + bias + "'"));
        OnnxNode reshape = graph.consumers(add.outputs().get(0)).stream()
                .filter(n -> n.opType().equals("Reshape")).findFirst()
                .orElseThrow(() -> new OnnxImportException(source, "the output of " + add
                        + " is never reshaped into attention heads"));
        long[] shape = constantInts(reshape.input(1));
        if (shape.length != 4 || shape[2] <= 0 || shape[3] <= 0 || shape[2] * shape[3] != hidden) {
            throw new OnnxImportException(source, reshape + " reshapes the queries to "
                    + Arrays.toString(shape) + "; expected [batch, seq, heads, head size] with heads x head size = "
                    + hidden);
        }
        return (int) shape[2];
    }

    /** A shape value built from constants (a Constant, or a Concat of Constants); -1 where a part is computed. */
    private long[] constantInts(String value) {
        Optional<OnnxTensor> constant = graph.constant(value);
        if (constant.isPresent()) {
            return constant.get().longs();
        }
        Optional<OnnxNode> concat = graph.producer(value).filter(n -> n.opType().equals("Concat"));
        if (concat.isEmpty()) {
            return new long[] {-1};
        }
        return concat.get().inputs().stream().map(this::constantInts).flatMapToLong(Arrays::stream).toArray();
    }

    /** The epsilon of the embeddings' LayerNorm: decomposed (..., Add(variance, eps), Sqrt, ...) or fused. */
    private double layerNormEpsilon() {
        String weight = onnxNameOf("embeddings.LayerNorm.weight");
        for (OnnxNode user : graph.consumers(weight)) {
            if (user.opType().equals("LayerNormalization")) {
                OnnxNode.Attribute eps = user.attributes().get("epsilon");
                return eps == null ? 1e-5 : exact(eps.f()); // 1e-5 is the operator's default
            }
            if (user.opType().equals("Mul")) {
                Optional<Double> eps = graph.producer(other(user, weight)).filter(n -> n.opType().equals("Div"))
                        .flatMap(div -> graph.producer(div.input(1))).filter(n -> n.opType().equals("Sqrt"))
                        .flatMap(sqrt -> graph.producer(sqrt.input(0))).filter(n -> n.opType().equals("Add"))
                        .flatMap(add -> add.inputs().stream().map(graph::constant).flatMap(Optional::stream)
                                .findFirst())
                        .map(t -> exact(t.floats()[0]));
                if (eps.isPresent()) {
                    return eps.get();
                }
            }
        }
        throw new OnnxImportException(source, "cannot find the epsilon of the LayerNorm that uses '" + weight
                + "' (neither a LayerNormalization node nor Mul(Div(x - mean, Sqrt(Add(variance, eps))), weight))");
    }

    /** fp32 1e-12 is 9.9999999960e-13 as a double: write the value the model was configured with. */
    private static double exact(float value) {
        return Double.parseDouble(Float.toString(value));
    }

    private static String other(OnnxNode binary, String input) {
        return binary.input(0).equals(input) ? binary.input(1) : binary.input(0);
    }

    /** PyTorch exports exact GELU (transformers' "gelu") as x * 0.5 * (1 + Erf(x / sqrt 2)): one Erf per layer. */
    private String activation() {
        long erf = graph.nodes().stream().filter(n -> n.opType().equals("Erf")).count();
        long tanh = graph.nodes().stream().filter(n -> n.opType().equals("Tanh")).count();
        if (erf > 0 && tanh == 0) {
            return "gelu";
        }
        throw new OnnxImportException(source, "cannot tell the feed-forward activation: the graph has " + erf
                + " Erf and " + tanh + " Tanh nodes, and only the exact (Erf) GELU is supported");
    }

    private String onnxNameOf(String hfName) {
        return graph.initializers().containsKey(hfName) ? hfName : MODEL_PREFIX + hfName;
    }

    /** Every tensor of a Hugging Face BertModel state dict, nothing else, each in its shape. */
    private void checkNamesAndShapes(Map<String, FloatTensor> weights, BertConfig c) {
        Map<String, long[]> expected = new LinkedHashMap<>();
        long h = c.hiddenSize();
        long i = c.intermediateSize();
        expected.put("embeddings.word_embeddings.weight", new long[] {c.vocabSize(), h});
        expected.put("embeddings.position_embeddings.weight", new long[] {c.maxPositionEmbeddings(), h});
        expected.put("embeddings.token_type_embeddings.weight", new long[] {c.typeVocabSize(), h});
        expected.put("embeddings.LayerNorm.weight", new long[] {h});
        expected.put("embeddings.LayerNorm.bias", new long[] {h});
        for (int layer = 0; layer < c.numHiddenLayers(); layer++) {
            String p = "encoder.layer." + layer + ".";
            for (String proj : List.of("attention.self.query", "attention.self.key", "attention.self.value",
                    "attention.output.dense")) {
                expected.put(p + proj + ".weight", new long[] {h, h});
                expected.put(p + proj + ".bias", new long[] {h});
            }
            expected.put(p + "attention.output.LayerNorm.weight", new long[] {h});
            expected.put(p + "attention.output.LayerNorm.bias", new long[] {h});
            expected.put(p + "intermediate.dense.weight", new long[] {i, h});
            expected.put(p + "intermediate.dense.bias", new long[] {i});
            expected.put(p + "output.dense.weight", new long[] {h, i});
            expected.put(p + "output.dense.bias", new long[] {h});
            expected.put(p + "output.LayerNorm.weight", new long[] {h});
            expected.put(p + "output.LayerNorm.bias", new long[] {h});
        }
        if (weights.containsKey("pooler.dense.weight") || weights.containsKey("pooler.dense.bias")) {
            expected.put("pooler.dense.weight", new long[] {h, h});
            expected.put("pooler.dense.bias", new long[] {h});
        }
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            FloatTensor t = weights.get(e.getKey());
            if (t == null) {
                throw new OnnxImportException(source, "the graph gives no tensor '" + e.getKey()
                        + "', which a BertModel of this size has");
            }
            if (!Arrays.equals(t.shape(), e.getValue())) {
                throw new OnnxImportException(source, "tensor '" + e.getKey() + "' has shape "
                        + Arrays.toString(t.shape()) + ", a BertModel of this size needs "
                        + Arrays.toString(e.getValue()));
            }
        }
        for (String name : weights.keySet()) {
            if (!expected.containsKey(name)) {
                throw new OnnxImportException(source, "tensor '" + name + "' is not part of a Hugging Face BertModel");
            }
        }
    }
}
