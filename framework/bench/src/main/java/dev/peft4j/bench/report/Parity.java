package dev.peft4j.bench.report;

/**
 * Loss-curve agreement between two engines that started from the same weights and saw the same batches. The race is
 * only fair when they compute the same thing: we ask for agreement to about 5 significant digits.
 */
public final class Parity {

    /** Largest allowed relative difference of any step's loss (10.8 vs 10.8001 passes, 10.8 vs 10.801 fails). */
    public static final double TOLERANCE = 2e-5;

    private Parity() {
    }

    /** max over common steps of |a - b| / |a|; NaN when a curve holds a NaN, or when there is no common step. */
    public static double maxRelativeDifference(float[] reference, float[] other) {
        int n = Math.min(reference.length, other.length);
        if (n == 0) {
            return Double.NaN;
        }
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double a = reference[i];
            double b = other[i];
            if (Double.isNaN(a) || Double.isNaN(b)) {
                return Double.NaN;
            }
            double scale = Math.max(Math.abs(a), Double.MIN_NORMAL);
            worst = Math.max(worst, Math.abs(a - b) / scale);
        }
        return worst;
    }

    public static boolean agrees(double maxRelativeDifference) {
        return maxRelativeDifference <= TOLERANCE;
    }
}
