package dev.peft4j.core.importer;

import java.util.List;
import java.util.Map;

/** An ONNX NodeProto: one operator with its input and output value names and its attributes. */
record OnnxNode(String name, String opType, List<String> inputs, List<String> outputs,
        Map<String, Attribute> attributes) {

    OnnxNode {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = Map.copyOf(attributes);
    }

    /** The attribute fields the importer reads: a float, an int, ints, or a tensor. */
    record Attribute(String name, float f, long i, long[] ints, OnnxTensor t) {
    }

    String input(int index) {
        return index < inputs.size() ? inputs.get(index) : "";
    }

    @Override
    public String toString() {
        return opType + " node '" + name + "'";
    }
}
