package dev.peft4j.bench.model;

import java.util.Arrays;

/** One named weight of the benchmark model: its shape and how its initial values are drawn. */
public record TensorSpec(String name, long[] shape, Init init) {

    /** Initial value distributions; every engine receives the same drawn values. */
    public enum Init {
        /** GPT-2's std 0.02, drawn uniformly (same std, cheaper to draw than a Gaussian). */
        WEIGHT,
        /** LayerNorm gains: 1 plus std-0.02 noise, so the gain path is exercised. */
        GAIN,
        /** LoRA A [r, in]: uniform in +-1/sqrt(in), as PEFT's Kaiming-uniform default does. */
        LORA_A,
        /** LoRA B: zeros, so an adapter starts as the identity. */
        ZERO
    }

    public TensorSpec {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public int size() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return Math.toIntExact(n);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec t && name.equals(t.name) && Arrays.equals(shape, t.shape) && init == t.init;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
