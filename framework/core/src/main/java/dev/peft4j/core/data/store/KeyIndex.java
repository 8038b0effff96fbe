package dev.peft4j.core.data.store;

/**
 * Rows sorted by text key (rows with equal keys stay in their given order), so that rows can be grouped and looked up
 * by key with two primitive arrays instead of a hash map of boxed values: 12 bytes a row.
 */
public final class KeyIndex {

    private final long[] keys;
    private final int[] rows;

    public KeyIndex(RowTable table, int[] rows) {
        this.rows = rows.clone();
        this.keys = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            keys[i] = table.key(rows[i]);
        }
        sort(this.keys, this.rows);
    }

    public int size() {
        return rows.length;
    }

    /** The key at sorted position {@code i}. */
    public long keyAt(int i) {
        return keys[i];
    }

    /** The row at sorted position {@code i}. */
    public int rowAt(int i) {
        return rows[i];
    }

    public boolean contains(long key) {
        return firstPosition(key) >= 0;
    }

    /** The first (in given order) row with this key, or -1. */
    public int firstRow(long key) {
        int position = firstPosition(key);
        return position < 0 ? -1 : rows[position];
    }

    private int firstPosition(long key) {
        int low = 0;
        int high = keys.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (keys[mid] < key) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low < keys.length && keys[low] == key ? low : -1;
    }

    /** Stable bottom-up merge sort of both arrays by key. */
    private static void sort(long[] keys, int[] rows) {
        int n = keys.length;
        long[] keyBuffer = new long[n];
        int[] rowBuffer = new int[n];
        long[] keyFrom = keys;
        int[] rowFrom = rows;
        long[] keyTo = keyBuffer;
        int[] rowTo = rowBuffer;
        for (int width = 1; width < n; width *= 2) {
            for (int start = 0; start < n; start += 2 * width) {
                int mid = Math.min(start + width, n);
                int end = Math.min(start + 2 * width, n);
                int left = start;
                int right = mid;
                for (int out = start; out < end; out++) {
                    if (left < mid && (right >= end || keyFrom[left] <= keyFrom[right])) {
                        keyTo[out] = keyFrom[left];
                        rowTo[out] = rowFrom[left++];
                    } else {
                        keyTo[out] = keyFrom[right];
                        rowTo[out] = rowFrom[right++];
                    }
                }
            }
            long[] keySwap = keyFrom;
            keyFrom = keyTo;
            keyTo = keySwap;
            int[] rowSwap = rowFrom;
            rowFrom = rowTo;
            rowTo = rowSwap;
        }
        if (keyFrom != keys) {
            System.arraycopy(keyFrom, 0, keys, 0, n);
            System.arraycopy(rowFrom, 0, rows, 0, n);
        }
    }
}
