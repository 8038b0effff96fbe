package dev.peft4j.core.importer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The parts of an ONNX GraphProto the importer uses, with the producer and consumers of every value. */
final class OnnxGraph {

    private final List<OnnxNode> nodes;
    private final Map<String, OnnxTensor> initializers;
    private final List<String> inputs;
    private final List<String> outputs;
    private final Map<String, OnnxNode> producers = new HashMap<>();
    private final Map<String, List<OnnxNode>> consumers = new HashMap<>();

    OnnxGraph(List<OnnxNode> nodes, Map<String, OnnxTensor> initializers, List<String> inputs, List<String> outputs) {
        this.nodes = List.copyOf(nodes);
        this.initializers = initializers;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        for (OnnxNode node : nodes) {
            node.outputs().forEach(o -> producers.put(o, node));
            node.inputs().forEach(i -> consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(node));
        }
    }

    List<OnnxNode> nodes() {
        return nodes;
    }

    /** Initializers by name, in file order. */
    Map<String, OnnxTensor> initializers() {
        return initializers;
    }

    List<String> inputs() {
        return inputs;
    }

    List<String> outputs() {
        return outputs;
    }

    Optional<OnnxNode> producer(String value) {
        return Optional.ofNullable(producers.get(value));
    }

    List<OnnxNode> consumers(String value) {
        return consumers.getOrDefault(value, List.of());
    }

    /** The value as a constant: an initializer or the tensor of a Constant node. */
    Optional<OnnxTensor> constant(String value) {
        OnnxTensor init = initializers.get(value);
        if (init != null) {
            return Optional.of(init);
        }
        return producer(value).filter(n -> n.opType().equals("Constant"))
                .map(n -> n.attributes().get("value")).map(OnnxNode.Attribute::t);
    }
}
