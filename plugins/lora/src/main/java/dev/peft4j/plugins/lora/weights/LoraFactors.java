package dev.peft4j.plugins.lora.weights;

import dev.peft4j.spi.FloatTensor;

/**
 * One adapter's factors on one layer: A [r, in], B [out, r] and the scaling of B·A.
 */
public record LoraFactors(FloatTensor a, FloatTensor b, double scaling) {

    public LoraFactors {
        if (a.rank() != 2 || b.rank() != 2 || a.dim(0) != b.dim(1)) {
            throw new IllegalArgumentException("LoRA factors need A [r, in] and B [out, r] with the same r, got A "
                    + a + " and B " + b);
        }
        if (!Double.isFinite(scaling)) {
            throw new IllegalArgumentException("LoRA scaling must be finite, got " + scaling);
        }
    }

    public int rank() {
        return Math.toIntExact(a.dim(0));
    }

    public int inFeatures() {
        return Math.toIntExact(a.dim(1));
    }

    public int outFeatures() {
        return Math.toIntExact(b.dim(0));
    }

    /** ΔW = scaling · B · A, [out, in]. */
    public FloatTensor delta() {
        return Matrices.scale(Matrices.multiply(b, a), scaling);
    }
}
