package dev.peft4j.core.importer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An ONNX TensorProto: an initializer or a Constant node's value. Its values are in {@code raw_data} (little-endian)
 * or in the typed repeated field of its data type.
 */
record OnnxTensor(String name, int dataType, long[] dims, ByteBuffer rawData, float[] floatData, long[] int64Data) {

    static final int FLOAT = 1;
    static final int INT32 = 6;
    static final int INT64 = 7;

    OnnxTensor {
        dims = dims.clone();
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    long elementCount() {
        return Arrays.stream(dims).reduce(1, Math::multiplyExact);
    }

    float[] floats() {
        if (dataType != FLOAT) {
            throw new IllegalStateException("tensor '" + name + "' has ONNX data type " + dataType + ", not FLOAT (1)");
        }
        int n = Math.toIntExact(elementCount());
        if (rawData != null) {
            checkRawLength(n, 4);
            float[] out = new float[n];
            rawData.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            return out;
        }
        checkLength(floatData.length, n);
        return floatData.clone();
    }

    long[] longs() {
        int n = Math.toIntExact(elementCount());
        if (dataType == INT64 && rawData != null) {
            checkRawLength(n, 8);
            long[] out = new long[n];
            rawData.duplicate().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
            return out;
        }
        if (dataType == INT32 && rawData != null) {
            checkRawLength(n, 4);
            var ints = rawData.duplicate().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                out[i] = ints.get(i);
            }
            return out;
        }
        if (dataType == INT64 || dataType == INT32) {
            // INT32 values travel in int32_data, read here into the same long array
            checkLength(int64Data.length, n);
            return int64Data.clone();
        }
        throw new IllegalStateException("tensor '" + name + "' has ONNX data type " + dataType + ", not an integer");
    }

    private void checkRawLength(int elements, int size) {
        if (rawData.remaining() != (long) elements * size) {
            throw new IllegalStateException("tensor '" + name + "' has dims " + Arrays.toString(dims) + " ("
                    + elements + " values) but " + rawData.remaining() + " bytes of raw_data");
        }
    }

    private void checkLength(int actual, int expected) {
        if (actual != expected) {
            throw new IllegalStateException("tensor '" + name + "' has dims " + Arrays.toString(dims) + " ("
                    + expected + " values) but holds " + actual);
        }
    }
}
