package dev.peft4j.plugins.lora.weights;

import dev.peft4j.spi.FloatTensor;
import java.util.Arrays;

/** Folds a trained LoRA or DoRA adapter into a base weight, in plain Java. */
public final class LoraMerge {

    private LoraMerge() {
    }

    /**
     * The merged weight in the layout it is stored in. LoRA: W + ΔW (ΔWᵀ for an [in, out] weight). DoRA: each output
     * feature's row of V = W + ΔW rescaled to its magnitude, m ⊙ V / ‖V‖.
     *
     * @param weightName  the weight's checkpoint name, for error messages
     * @param weight      the base weight: [out, in], or [in, out] when {@code fanInFanOut}
     * @param magnitude   DoRA's magnitude [out], or null for plain LoRA
     * @throws IllegalArgumentException when the shapes disagree
     * @throws IllegalStateException    when the merged weight holds NaN or Inf
     */
    public static FloatTensor merged(String weightName, FloatTensor weight, boolean fanInFanOut, LoraFactors factors,
            FloatTensor magnitude) {
        long[] expected = fanInFanOut
                ? new long[] {factors.inFeatures(), factors.outFeatures()}
                : new long[] {factors.outFeatures(), factors.inFeatures()};
        if (!Arrays.equals(weight.shape(), expected)) {
            throw new IllegalArgumentException("cannot merge LoRA into " + weightName + ": the weight is "
                    + Arrays.toString(weight.shape()) + " but A " + factors.a() + " and B " + factors.b() + " need "
                    + Arrays.toString(expected));
        }
        FloatTensor delta = factors.delta();
        float[] direction = (fanInFanOut ? Matrices.transpose(weight) : weight).data().clone();
        float[] d = delta.data();
        for (int i = 0; i < direction.length; i++) {
            direction[i] += d[i];
        }
        FloatTensor merged = new FloatTensor(delta.shape(), direction);
        if (magnitude != null) {
            merged = rescaled(weightName, merged, magnitude);
        }
        FloatTensor stored = fanInFanOut ? Matrices.transpose(merged) : merged;
        requireFinite(weightName, stored);
        return stored;
    }

    private static FloatTensor rescaled(String weightName, FloatTensor direction, FloatTensor magnitude) {
        int out = Matrices.rows(direction);
        int in = Matrices.columns(direction);
        if (magnitude.rank() != 1 || magnitude.dim(0) != out) {
            throw new IllegalArgumentException("cannot merge DoRA into " + weightName + ": the magnitude is "
                    + magnitude + " but the layer has " + out + " output features");
        }
        double[] norms = Matrices.rowNorms(direction);
        float[] v = direction.data().clone();
        float[] m = magnitude.data();
        for (int o = 0; o < out; o++) {
            double factor = m[o] / norms[o];
            for (int i = 0; i < in; i++) {
                v[o * in + i] = (float) (v[o * in + i] * factor);
            }
        }
        return new FloatTensor(direction.shape(), v);
    }

    private static void requireFinite(String weightName, FloatTensor merged) {
        float[] values = merged.data();
        int columns = Matrices.columns(merged);
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalStateException("merging LoRA into " + weightName + " gives " + values[i] + " at ["
                        + i / columns + ", " + i % columns + "]: the adapter's tensors hold NaN/Inf or overflow fp32 "
                        + "(did training diverge?)");
            }
        }
    }
}
