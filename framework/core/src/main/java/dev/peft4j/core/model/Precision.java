package dev.peft4j.core.model;

import java.util.Locale;

/**
 * The number format of the matrix multiplications. Weights, norms, softmax and losses always stay fp32 ("master
 * weights"); with bf16 or fp16 the inputs of every matmul are cast down and the product cast back to fp32. On CPU only
 * fp32 is fast (see docs/tensorflow-java-notes.md); bf16 and fp16 are for GPUs.
 */
public enum Precision {
    FP32, BF16, FP16;

    /** Parses {@code fp32}, {@code bf16} or {@code fp16} (any case). */
    public static Precision parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("precision '" + value + "' is not one of fp32, bf16, fp16", e);
        }
    }
}
