package dev.peft4j.core.safetensors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed and validated JSON header of a safetensors file: the metadata and every tensor's entry, in file order.
 */
record SafetensorsHeader(Map<String, String> metadata, List<TensorInfo> tensors) {

    /** The reference implementation refuses headers above 100 MB; so does this one. */
    static final long MAX_HEADER_BYTES = 100_000_000L;
    static final String METADATA_KEY = "__metadata__";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    SafetensorsHeader {
        metadata = Map.copyOf(metadata);
        tensors = List.copyOf(tensors);
    }

    /**
     * Parses a header and checks it against the data buffer that follows it.
     *
     * @param dataLength the bytes in the file after the header
     */
    static SafetensorsHeader parse(Path file, byte[] json, long dataLength) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SafetensorsFormatException(file, null,
                    "the header is not valid JSON (" + e.getOriginalMessage() + " at byte "
                            + e.getLocation().getByteOffset() + " of the header)", e);
        } catch (java.io.IOException e) {
            throw new SafetensorsFormatException(file, null, "the header cannot be read as JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new SafetensorsFormatException(file, null, "the header must be a JSON object, but is "
                    + (root == null ? "empty" : root.getNodeType().toString().toLowerCase()));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<TensorInfo> tensors = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (field.getKey().equals(METADATA_KEY)) {
                metadata.putAll(parseMetadata(file, field.getValue()));
            } else {
                tensors.add(parseTensor(file, field.getKey(), field.getValue()));
            }
        }
        checkTiling(file, tensors, dataLength);
        return new SafetensorsHeader(metadata, tensors);
    }

    private static Map<String, String> parseMetadata(Path file, JsonNode node) {
        if (!node.isObject()) {
            throw new SafetensorsFormatException(file, null, METADATA_KEY + " must be an object of strings");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            if (!e.getValue().isTextual()) {
                throw new SafetensorsFormatException(file, null,
                        METADATA_KEY + " value of '" + e.getKey() + "' must be a string, but is " + e.getValue());
            }
            metadata.put(e.getKey(), e.getValue().textValue());
        });
        return metadata;
    }

    private static TensorInfo parseTensor(Path file, String name, JsonNode node) {
        if (!node.isObject()) {
            throw new SafetensorsFormatException(file, name, "the header entry must be an object with dtype, shape "
                    + "and data_offsets, but is " + node);
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw new SafetensorsFormatException(file, name, "missing or non-string 'dtype'");
        }
        DType dtype = DType.fromHeaderName(dtypeNode.textValue()).orElseThrow(() -> new SafetensorsFormatException(
                file, name, "unsupported dtype '" + dtypeNode.textValue() + "' (this reader knows "
                        + java.util.Arrays.toString(DType.values()) + ")"));
        long[] shape = nonNegativeLongs(file, name, node.get("shape"), "shape", -1);
        long[] offsets = nonNegativeLongs(file, name, node.get("data_offsets"), "data_offsets", 2);
        if (offsets[1] < offsets[0]) {
            throw new SafetensorsFormatException(file, name,
                    "data_offsets end " + offsets[1] + " is before begin " + offsets[0]);
        }
        TensorInfo info = new TensorInfo(name, dtype, shape, offsets[0], offsets[1]);
        long expectedBytes = expectedBytes(file, info);
        if (expectedBytes != info.byteLength()) {
            throw new SafetensorsFormatException(file, name, "shape " + java.util.Arrays.toString(shape) + " of "
                    + dtype + " needs " + expectedBytes + " bytes, but data_offsets span " + info.byteLength());
        }
        return info;
    }

    private static long expectedBytes(Path file, TensorInfo info) {
        try {
            long elements = 1;
            for (long d : info.shape()) {
                elements = Math.multiplyExact(elements, d);
            }
            return Math.multiplyExact(elements, info.dtype().byteSize());
        } catch (ArithmeticException e) {
            throw new SafetensorsFormatException(file, info.name(), "shape overflows a 64-bit byte count");
        }
    }

    private static long[] nonNegativeLongs(Path file, String name, JsonNode node, String key, int requiredLength) {
        if (node == null || !node.isArray()) {
            throw new SafetensorsFormatException(file, name, "missing or non-array '" + key + "'");
        }
        if (requiredLength >= 0 && node.size() != requiredLength) {
            throw new SafetensorsFormatException(file, name,
                    "'" + key + "' must hold " + requiredLength + " numbers, but holds " + node.size());
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw new SafetensorsFormatException(file, name,
                        "'" + key + "' must hold non-negative integers, but holds " + v);
            }
            values[i] = v.longValue();
        }
        return values;
    }

    /** The tensors, sorted by begin, must cover [0, dataLength) exactly: no gap, no overlap, nothing after. */
    private static void checkTiling(Path file, List<TensorInfo> tensors, long dataLength) {
        List<TensorInfo> byBegin = new ArrayList<>(tensors);
        byBegin.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        long expected = 0;
        TensorInfo previous = null;
        for (TensorInfo t : byBegin) {
            if (t.begin() > expected) {
                throw new SafetensorsFormatException(file, t.name(), "gap in the data buffer: bytes [" + expected
                        + ", " + t.begin() + ") belong to no tensor" + after(previous));
            }
            if (t.begin() < expected) {
                throw new SafetensorsFormatException(file, t.name(), "data_offsets [" + t.begin() + ", " + t.end()
                        + ") overlap tensor '" + previous.name() + "' which ends at " + expected);
            }
            if (t.end() > dataLength) {
                throw new SafetensorsFormatException(file, t.name(), "the file is truncated: data_offsets end at "
                        + t.end() + " but the data buffer holds only " + dataLength + " bytes");
            }
            expected = t.end();
            previous = t;
        }
        if (expected != dataLength) {
            throw new SafetensorsFormatException(file, null, (dataLength - expected)
                    + " bytes at the end of the data buffer belong to no tensor (the tensors end at " + expected
                    + ", the buffer at " + dataLength + ")");
        }
    }

    private static String after(TensorInfo previous) {
        return previous == null ? " (the first tensor must begin at 0)" : " (after '" + previous.name() + "')";
    }
}
