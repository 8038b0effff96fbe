package dev.peft4j.core.model;

import java.util.Arrays;

/**
 * One batch of tokenised sequences, all arrays row-major [size · length].
 *
 * @param inputIds      token ids
 * @param attentionMask 1 for real tokens, 0 for padding
 * @param tokenTypeIds  segment ids for BERT, or null for all zeros
 * @param labels        targets, or null for inference
 */
public record Batch(int size, int length, int[] inputIds, int[] attentionMask, int[] tokenTypeIds, Labels labels) {

    public Batch {
        if (size <= 0 || length <= 0) {
            throw new IllegalArgumentException("a batch needs at least one sequence of at least one token, got "
                    + size + " x " + length);
        }
        int n = size * length;
        check("inputIds", inputIds, n);
        check("attentionMask", attentionMask, n);
        if (tokenTypeIds != null) {
            check("tokenTypeIds", tokenTypeIds, n);
        }
    }

    /** A batch of unpadded sequences of equal length, without labels. */
    public static Batch of(int[][] ids) {
        int size = ids.length;
        int length = ids[0].length;
        int[] flat = new int[size * length];
        int[] mask = new int[size * length];
        for (int b = 0; b < size; b++) {
            if (ids[b].length != length) {
                throw new IllegalArgumentException("sequence " + b + " has " + ids[b].length + " tokens, not "
                        + length);
            }
            System.arraycopy(ids[b], 0, flat, b * length, length);
        }
        Arrays.fill(mask, 1);
        return new Batch(size, length, flat, mask, null, null);
    }

    public Batch withLabels(Labels newLabels) {
        return new Batch(size, length, inputIds, attentionMask, tokenTypeIds, newLabels);
    }

    private static void check(String name, int[] values, int expected) {
        if (values == null || values.length != expected) {
            throw new IllegalArgumentException(name + " must hold size x length = " + expected + " values but holds "
                    + (values == null ? "none" : values.length));
        }
    }
}
