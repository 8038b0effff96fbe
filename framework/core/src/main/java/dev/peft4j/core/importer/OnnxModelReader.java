package dev.peft4j.core.importer;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the subset of an ONNX ModelProto the importer needs, field by field with protobuf's
 * {@link CodedInputStream}, instead of classes generated from onnx.proto: six messages and a dozen fields, no protoc
 * in the build, and tensor bytes that stay slices of the input buffer (aliasing) rather than copies. Field numbers are
 * those of onnx/onnx.proto; every field not listed is skipped.
 */
final class OnnxModelReader {

    // ModelProto
    private static final int MODEL_GRAPH = 7;
    // GraphProto
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    // NodeProto
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    // AttributeProto
    private static final int ATTR_NAME = 1;
    private static final int ATTR_F = 2;
    private static final int ATTR_I = 3;
    private static final int ATTR_T = 5;
    private static final int ATTR_INTS = 8;
    // TensorProto
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_FLOAT_DATA = 4;
    private static final int TENSOR_INT32_DATA = 5;
    private static final int TENSOR_INT64_DATA = 7;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int TENSOR_DATA_LOCATION = 14;
    // ValueInfoProto
    private static final int VALUE_INFO_NAME = 1;

    private static final int EXTERNAL_DATA = 1;

    private OnnxModelReader() {
    }

    /**
     * Parses a model held in memory (a mapped file or a resource's bytes); the tensors alias the buffer.
     *
     * @param source named in errors
     */
    static OnnxGraph read(ByteBuffer model, String source) {
        CodedInputStream in = CodedInputStream.newInstance(model);
        in.enableAliasing(true);
        in.setSizeLimit(Integer.MAX_VALUE);
        try {
            OnnxGraph graph = null;
            while (true) {
                int tag = in.readTag();
                if (tag == 0) {
                    break;
                }
                if (WireFormat.getTagFieldNumber(tag) == MODEL_GRAPH) {
                    graph = nested(in, () -> readGraph(in, source));
                } else {
                    in.skipField(tag);
                }
            }
            if (graph == null) {
                throw new OnnxImportException(source, "the model has no graph (is it an ONNX ModelProto?)");
            }
            return graph;
        } catch (IOException e) {
            throw new OnnxImportException(source, "not a readable ONNX protobuf: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Body<T> {
        T read() throws IOException;
    }

    /** Reads one length-delimited sub-message with {@code body}, leaving the stream after it. */
    private static <T> T nested(CodedInputStream in, Body<T> body) throws IOException {
        int length = in.readRawVarint32();
        int oldLimit = in.pushLimit(length);
        T value = body.read();
        in.skipRawBytes(in.getBytesUntilLimit());
        in.popLimit(oldLimit);
        return value;
    }

    private static OnnxGraph readGraph(CodedInputStream in, String source) throws IOException {
        List<OnnxNode> nodes = new ArrayList<>();
        Map<String, OnnxTensor> initializers = new LinkedHashMap<>();
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            switch (WireFormat.getTagFieldNumber(tag)) {
                case GRAPH_NODE -> nodes.add(nested(in, () -> readNode(in, source)));
                case GRAPH_INITIALIZER -> {
                    OnnxTensor t = nested(in, () -> readTensor(in, source));
                    initializers.put(t.name(), t);
                }
                case GRAPH_INPUT -> inputs.add(nested(in, () -> readValueInfoName(in)));
                case GRAPH_OUTPUT -> outputs.add(nested(in, () -> readValueInfoName(in)));
                default -> in.skipField(tag);
            }
        }
        return new OnnxGraph(nodes, initializers, inputs, outputs);
    }

    private static OnnxNode readNode(CodedInputStream in, String source) throws IOException {
        String name = "";
        String opType = "";
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        Map<String, OnnxNode.Attribute> attributes = new HashMap<>();
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            switch (WireFormat.getTagFieldNumber(tag)) {
                case NODE_INPUT -> inputs.add(in.readStringRequireUtf8());
                case NODE_OUTPUT -> outputs.add(in.readStringRequireUtf8());
                case NODE_NAME -> name = in.readStringRequireUtf8();
                case NODE_OP_TYPE -> opType = in.readStringRequireUtf8();
                case NODE_ATTRIBUTE -> {
                    OnnxNode.Attribute a = nested(in, () -> readAttribute(in, source));
                    attributes.put(a.name(), a);
                }
                default -> in.skipField(tag);
            }
        }
        return new OnnxNode(name, opType, inputs, outputs, attributes);
    }

    private static OnnxNode.Attribute readAttribute(CodedInputStream in, String source) throws IOException {
        String name = "";
        float f = 0;
        long i = 0;
        List<Long> ints = new ArrayList<>();
        OnnxTensor t = null;
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            switch (WireFormat.getTagFieldNumber(tag)) {
                case ATTR_NAME -> name = in.readStringRequireUtf8();
                case ATTR_F -> f = in.readFloat();
                case ATTR_I -> i = in.readInt64();
                case ATTR_T -> t = nested(in, () -> readTensor(in, source));
                case ATTR_INTS -> readInt64s(in, tag, ints);
                default -> in.skipField(tag);
            }
        }
        return new OnnxNode.Attribute(name, f, i, ints.stream().mapToLong(Long::longValue).toArray(), t);
    }

    private static OnnxTensor readTensor(CodedInputStream in, String source) throws IOException {
        String name = "";
        int dataType = 0;
        List<Long> dims = new ArrayList<>();
        ByteBuffer raw = null;
        List<Float> floats = new ArrayList<>();
        List<Long> integers = new ArrayList<>();
        boolean external = false;
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            switch (WireFormat.getTagFieldNumber(tag)) {
                case TENSOR_DIMS -> readInt64s(in, tag, dims);
                case TENSOR_DATA_TYPE -> dataType = in.readInt32();
                case TENSOR_NAME -> name = in.readStringRequireUtf8();
                case TENSOR_RAW_DATA -> raw = in.readByteBuffer();
                case TENSOR_FLOAT_DATA -> readFloats(in, tag, floats);
                case TENSOR_INT32_DATA, TENSOR_INT64_DATA -> readInt64s(in, tag, integers);
                case TENSOR_DATA_LOCATION -> external = in.readEnum() == EXTERNAL_DATA;
                default -> in.skipField(tag);
            }
        }
        if (external) {
            throw new OnnxImportException(source, "tensor '" + name + "' keeps its data in an external file, "
                    + "which this importer does not read; save the model with its weights inside the .onnx file");
        }
        float[] floatData = new float[floats.size()];
        for (int k = 0; k < floatData.length; k++) {
            floatData[k] = floats.get(k);
        }
        return new OnnxTensor(name, dataType, dims.stream().mapToLong(Long::longValue).toArray(), raw, floatData,
                integers.stream().mapToLong(Long::longValue).toArray());
    }

    private static String readValueInfoName(CodedInputStream in) throws IOException {
        String name = "";
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                return name;
            }
            if (WireFormat.getTagFieldNumber(tag) == VALUE_INFO_NAME) {
                name = in.readStringRequireUtf8();
            } else {
                in.skipField(tag);
            }
        }
    }

    /** A repeated integer field, packed (one length-delimited run) or not (one varint per tag). */
    private static void readInt64s(CodedInputStream in, int tag, List<Long> into) throws IOException {
        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int oldLimit = in.pushLimit(in.readRawVarint32());
            while (in.getBytesUntilLimit() > 0) {
                into.add(in.readInt64());
            }
            in.popLimit(oldLimit);
        } else {
            into.add(in.readInt64());
        }
    }

    private static void readFloats(CodedInputStream in, int tag, List<Float> into) throws IOException {
        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int oldLimit = in.pushLimit(in.readRawVarint32());
            while (in.getBytesUntilLimit() > 0) {
                into.add(in.readFloat());
            }
            in.popLimit(oldLimit);
        } else {
            into.add(in.readFloat());
        }
    }
}
