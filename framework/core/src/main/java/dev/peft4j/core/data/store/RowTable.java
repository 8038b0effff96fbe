package dev.peft4j.core.data.store;

import java.util.Arrays;

/**
 * The small per-row index the pipeline decides on (splits, duplicates, balance) without holding any text: where the
 * row's text lies in the {@link RecordFile}, its label, its text key (a 64-bit hash used for duplicate and overlap
 * checks) and its length in words. About 28 bytes a row.
 *
 * <p>The label column holds a class index for classification and the raw bits of a float target for regression.
 */
public final class RowTable {

    private static final int INITIAL_CAPACITY = 1024;

    private long[] offsets = new long[INITIAL_CAPACITY];
    private int[] lengths = new int[INITIAL_CAPACITY];
    private int[] labels = new int[INITIAL_CAPACITY];
    private long[] keys = new long[INITIAL_CAPACITY];
    private int[] words = new int[INITIAL_CAPACITY];
    private int size;

    /** Adds a classification row and returns its row number. */
    public int addClassRow(long offset, int length, int classIndex, long key, int wordCount) {
        return add(offset, length, classIndex, key, wordCount);
    }

    /** Adds a regression row and returns its row number. */
    public int addTargetRow(long offset, int length, float target, long key, int wordCount) {
        return add(offset, length, Float.floatToRawIntBits(target), key, wordCount);
    }

    /** Adds a row with the label (or target) of {@code source}. */
    public int addRowWithLabelOf(int source, long offset, int length, long key, int wordCount) {
        return add(offset, length, labels[check(source)], key, wordCount);
    }

    /** True when two rows have the same label (or the same target). */
    public boolean sameLabel(int row, int other) {
        return labels[check(row)] == labels[check(other)];
    }

    private int add(long offset, int length, int label, long key, int wordCount) {
        if (size == offsets.length) {
            int capacity = size * 2;
            offsets = Arrays.copyOf(offsets, capacity);
            lengths = Arrays.copyOf(lengths, capacity);
            labels = Arrays.copyOf(labels, capacity);
            keys = Arrays.copyOf(keys, capacity);
            words = Arrays.copyOf(words, capacity);
        }
        offsets[size] = offset;
        lengths[size] = length;
        labels[size] = label;
        keys[size] = key;
        words[size] = wordCount;
        return size++;
    }

    public int size() {
        return size;
    }

    public long offset(int row) {
        return offsets[check(row)];
    }

    public int length(int row) {
        return lengths[check(row)];
    }

    public int classIndex(int row) {
        return labels[check(row)];
    }

    public float target(int row) {
        return Float.intBitsToFloat(labels[check(row)]);
    }

    /** Replaces the class index of a row (used once, when provisional first-seen indices become sorted ones). */
    public void setClassIndex(int row, int classIndex) {
        labels[check(row)] = classIndex;
    }

    public long key(int row) {
        return keys[check(row)];
    }

    public int words(int row) {
        return words[check(row)];
    }

    private int check(int row) {
        if (row < 0 || row >= size) {
            throw new IndexOutOfBoundsException("row " + row + " of " + size);
        }
        return row;
    }
}
