package dev.peft4j.core.metric;

/**
 * Running means, variances and covariance of pairs (x, y), updated one pair at a time with Welford's method, which
 * stays accurate where the textbook sum-of-squares formula cancels catastrophically.
 */
final class CoMoments {

    private long count;
    private double meanX;
    private double meanY;
    private double squaresX;
    private double squaresY;
    private double coProducts;

    void add(double x, double y) {
        count++;
        double dx = x - meanX;
        meanX += dx / count;
        double dy = y - meanY;
        meanY += dy / count;
        squaresX += dx * (x - meanX);
        squaresY += dy * (y - meanY);
        coProducts += dx * (y - meanY);
    }

    long count() {
        return count;
    }

    /** Pearson's r; NaN when it is undefined (fewer than 2 pairs, or either side constant), as in SciPy. */
    double pearson() {
        if (count < 2 || squaresX == 0 || squaresY == 0) {
            return Double.NaN;
        }
        double r = coProducts / Math.sqrt(squaresX * squaresY);
        return Math.max(-1.0, Math.min(1.0, r));
    }

    void reset() {
        count = 0;
        meanX = 0;
        meanY = 0;
        squaresX = 0;
        squaresY = 0;
        coProducts = 0;
    }
}
