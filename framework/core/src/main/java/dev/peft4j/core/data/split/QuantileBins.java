package dev.peft4j.core.data.split;

import java.util.Arrays;

/** Puts regression targets into quantile bins, so that a stratified split keeps the target distribution. */
public final class QuantileBins {

    private QuantileBins() {
    }

    /** The bin (0 .. bins-1) of each target by its rank; equal targets always share a bin. */
    public static int[] assign(float[] targets, int bins) {
        float[] sorted = targets.clone();
        Arrays.sort(sorted);
        int[] result = new int[targets.length];
        for (int i = 0; i < targets.length; i++) {
            int rank = lowerBound(sorted, targets[i]);
            result[i] = (int) ((long) rank * bins / targets.length);
        }
        return result;
    }

    private static int lowerBound(float[] sorted, float value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (Float.compare(sorted[mid], value) < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
