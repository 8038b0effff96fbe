package dev.peft4j.spi;

import java.util.Arrays;

/**
 * A dense fp32 tensor in row-major order, the value type for initial values, saved adapter tensors and merges.
 */
public record FloatTensor(long[] shape, float[] data) {

    public FloatTensor {
        long size = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            size *= d;
        }
        if (size != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " holds " + size + " values but " + data.length + " were given");
        }
        shape = shape.clone();
    }

    public static FloatTensor zeros(long... shape) {
        long size = 1;
        for (long d : shape) {
            size *= d;
        }
        return new FloatTensor(shape, new float[Math.toIntExact(size)]);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public long dim(int i) {
        return shape[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape);
    }
}
