package dev.peft4j.core.metric;

/**
 * How per-class scores become one number, as scikit-learn's {@code average} argument. Averages run over the
 * classes present among the gold or predicted classes, as scikit-learn's do when no labels are given.
 */
enum Averaging {
    /** The score of the pooled counts of all classes; for single-label classification it equals accuracy. */
    MICRO {
        @Override
        double apply(ConfusionMatrix matrix, ClassScore score) {
            long tp = 0;
            long fp = 0;
            long fn = 0;
            for (int c = 0; c < matrix.numClasses(); c++) {
                tp += matrix.truePositives(c);
                fp += matrix.falsePositives(c);
                fn += matrix.falseNegatives(c);
            }
            return score.of(tp, fp, fn);
        }
    },
    /** The plain mean of the per-class scores. */
    MACRO {
        @Override
        double apply(ConfusionMatrix matrix, ClassScore score) {
            double sum = 0;
            int classes = 0;
            for (int c = 0; c < matrix.numClasses(); c++) {
                if (matrix.present(c)) {
                    sum += score.of(matrix, c);
                    classes++;
                }
            }
            return classes == 0 ? 0.0 : sum / classes;
        }
    },
    /** The mean of the per-class scores weighted by each class's number of gold examples. */
    WEIGHTED {
        @Override
        double apply(ConfusionMatrix matrix, ClassScore score) {
            double sum = 0;
            long support = 0;
            for (int c = 0; c < matrix.numClasses(); c++) {
                sum += matrix.support(c) * score.of(matrix, c);
                support += matrix.support(c);
            }
            return support == 0 ? 0.0 : sum / support;
        }
    },
    /** The score of class 1 alone, the positive class of a 2-class task (GLUE's F1 for MRPC and QQP). */
    BINARY {
        @Override
        double apply(ConfusionMatrix matrix, ClassScore score) {
            if (matrix.numClasses() != 2) {
                throw new IllegalStateException("binary averaging needs 2 classes, got " + matrix.numClasses());
            }
            return score.of(matrix, 1);
        }
    };

    abstract double apply(ConfusionMatrix matrix, ClassScore score);
}
