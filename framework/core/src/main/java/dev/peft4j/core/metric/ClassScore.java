package dev.peft4j.core.metric;

/** A per-class score from true positives, false positives and false negatives; 0 where it would divide by 0. */
enum ClassScore {
    PRECISION {
        @Override
        double of(long tp, long fp, long fn) {
            return ratio(tp, tp + fp);
        }
    },
    RECALL {
        @Override
        double of(long tp, long fp, long fn) {
            return ratio(tp, tp + fn);
        }
    },
    /** The harmonic mean of precision and recall, written so that it is 0, not undefined, when both are 0. */
    F1 {
        @Override
        double of(long tp, long fp, long fn) {
            return ratio(2 * tp, 2 * tp + fp + fn);
        }
    };

    abstract double of(long tp, long fp, long fn);

    double of(ConfusionMatrix matrix, int c) {
        return of(matrix.truePositives(c), matrix.falsePositives(c), matrix.falseNegatives(c));
    }

    /** scikit-learn's {@code zero_division=0}: a class never predicted has precision 0, never seen recall 0. */
    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }
}
