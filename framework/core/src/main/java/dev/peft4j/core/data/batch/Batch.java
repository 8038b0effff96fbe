package dev.peft4j.core.data.batch;

import java.util.Arrays;

/**
 * One padded batch. Token arrays are flat and row-major ({@code rows x columns}), ready to become tensors without
 * copying; the 2-D accessors copy. Padding: id = the tokenizer's pad id, mask = 0, type id = 0. Exactly one of
 * {@link #labels()} (classification) and {@link #targets()} (regression) is non-null.
 */
public final class Batch {

    private final int rows;
    private final int columns;
    private final long[] inputIds;
    private final long[] attentionMask;
    private final long[] typeIds;
    private final int[] labels;
    private final float[] targets;
    private final String[] exampleIds;
    private final long realTokens;

    Batch(int rows, int columns, long[] inputIds, long[] attentionMask, long[] typeIds, int[] labels,
          float[] targets, String[] exampleIds, long realTokens) {
        this.rows = rows;
        this.columns = columns;
        this.inputIds = inputIds;
        this.attentionMask = attentionMask;
        this.typeIds = typeIds;
        this.labels = labels;
        this.targets = targets;
        this.exampleIds = exampleIds;
        this.realTokens = realTokens;
    }

    /** Examples in the batch. */
    public int size() {
        return rows;
    }

    /** Tokens per row: the longest encoding in the batch. */
    public int columns() {
        return columns;
    }

    /** {@code {rows, columns}}, the shape of the flat token arrays. */
    public long[] shape() {
        return new long[] {rows, columns};
    }

    /** Token ids, row-major; shared, do not modify. */
    public long[] flatInputIds() {
        return inputIds;
    }

    /** 1 for real tokens, 0 for padding, row-major; shared, do not modify. */
    public long[] flatAttentionMask() {
        return attentionMask;
    }

    /** Token type (segment) ids, row-major; shared, do not modify. */
    public long[] flatTypeIds() {
        return typeIds;
    }

    public long[][] inputIds() {
        return matrix(inputIds);
    }

    public long[][] attentionMask() {
        return matrix(attentionMask);
    }

    public long[][] typeIds() {
        return matrix(typeIds);
    }

    /** Class index per row (classification), else null; shared, do not modify. */
    public int[] labels() {
        return labels;
    }

    /** Target per row (regression), else null; shared, do not modify. */
    public float[] targets() {
        return targets;
    }

    /** The id ({@code file:line}) of each row's example; shared, do not modify. */
    public String[] exampleIds() {
        return exampleIds;
    }

    /** Pad tokens in the batch. */
    public long padTokens() {
        return (long) rows * columns - realTokens;
    }

    private long[][] matrix(long[] flat) {
        long[][] matrix = new long[rows][];
        for (int r = 0; r < rows; r++) {
            matrix[r] = Arrays.copyOfRange(flat, r * columns, (r + 1) * columns);
        }
        return matrix;
    }
}
