package dev.peft4j.core.metric;

import dev.peft4j.spi.metric.Predictions;
import dev.peft4j.spi.metric.TaskType;
import java.util.Arrays;

/**
 * Counts of (gold class, predicted class) pairs, accumulated batch by batch. Rows are gold classes, columns
 * predicted ones. Not thread-safe.
 */
public final class ConfusionMatrix {

    private final long[][] counts;

    public ConfusionMatrix(int numClasses) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("a confusion matrix needs at least 2 classes, got " + numClasses);
        }
        this.counts = new long[numClasses][numClasses];
    }

    public int numClasses() {
        return counts.length;
    }

    public void add(int gold, int predicted) {
        checkClass(gold);
        checkClass(predicted);
        counts[gold][predicted]++;
    }

    /** Adds every example of a classification batch, which must have this matrix's number of classes. */
    public void add(Predictions batch) {
        if (batch.task() != TaskType.CLASSIFICATION) {
            throw new IllegalArgumentException(
                    "a confusion matrix counts classification predictions, got " + batch.task());
        }
        if (batch.numClasses() != counts.length) {
            throw new IllegalArgumentException("batch has " + batch.numClasses()
                    + " classes but the matrix was made for " + counts.length
                    + "; one evaluation must keep its number of classes");
        }
        int[] gold = batch.goldClasses();
        int[] predicted = batch.predictedClasses();
        for (int i = 0; i < gold.length; i++) {
            counts[gold[i]][predicted[i]]++;
        }
    }

    public long count(int gold, int predicted) {
        return counts[gold][predicted];
    }

    /** Examples counted. */
    public long total() {
        long total = 0;
        for (long[] row : counts) {
            for (long n : row) {
                total += n;
            }
        }
        return total;
    }

    /** Examples whose prediction equals the gold class. */
    public long correct() {
        long correct = 0;
        for (int c = 0; c < counts.length; c++) {
            correct += counts[c][c];
        }
        return correct;
    }

    public long truePositives(int c) {
        return counts[c][c];
    }

    /** Examples predicted as {@code c} whose gold class is another. */
    public long falsePositives(int c) {
        return predicted(c) - counts[c][c];
    }

    /** Examples of gold class {@code c} predicted as another. */
    public long falseNegatives(int c) {
        return support(c) - counts[c][c];
    }

    /** Examples whose gold class is {@code c}. */
    public long support(int c) {
        long n = 0;
        for (long count : counts[c]) {
            n += count;
        }
        return n;
    }

    /** Examples predicted as {@code c}. */
    public long predicted(int c) {
        long n = 0;
        for (long[] row : counts) {
            n += row[c];
        }
        return n;
    }

    /** Whether {@code c} occurs as a gold or a predicted class; averages run over these classes, as scikit-learn's. */
    public boolean present(int c) {
        return support(c) > 0 || predicted(c) > 0;
    }

    /** A copy of the counts, [gold][predicted]. */
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int c = 0; c < counts.length; c++) {
            copy[c] = counts[c].clone();
        }
        return copy;
    }

    public void reset() {
        for (long[] row : counts) {
            Arrays.fill(row, 0);
        }
    }

    private void checkClass(int c) {
        if (c < 0 || c >= counts.length) {
            throw new IllegalArgumentException("class " + c + " is outside 0.." + (counts.length - 1));
        }
    }
}
