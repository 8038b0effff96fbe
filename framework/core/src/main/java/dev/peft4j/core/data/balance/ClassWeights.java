package dev.peft4j.core.data.balance;

/**
 * Loss weights per class index: {@code n / (k * count_c)}, with n the training rows and k the classes that have any,
 * so a balanced split gives every class weight 1 and the weighted loss keeps the unweighted loss's scale. A class with
 * no training rows gets weight 0 (it cannot be learned; the report says so).
 */
public final class ClassWeights {

    private ClassWeights() {
    }

    public static float[] fromCounts(long[] counts) {
        long total = 0;
        int present = 0;
        for (long count : counts) {
            total += count;
            present += count > 0 ? 1 : 0;
        }
        float[] weights = new float[counts.length];
        for (int c = 0; c < counts.length; c++) {
            weights[c] = counts[c] == 0 ? 0f : (float) ((double) total / ((double) present * counts[c]));
        }
        return weights;
    }
}
