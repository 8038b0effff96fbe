package dev.peft4j.plugins.lora.weights;

import dev.peft4j.spi.FloatTensor;
import java.util.Arrays;

/** The little dense linear algebra merging and combining adapters needs, on row-major fp32 matrices. */
final class Matrices {

    private Matrices() {
    }

    /** {@code a · b} for a [m, k] and b [k, n]; accumulates in double. */
    static FloatTensor multiply(FloatTensor a, FloatTensor b) {
        int m = rows(a);
        int k = columns(a);
        int n = columns(b);
        if (rows(b) != k) {
            throw new IllegalArgumentException("cannot multiply " + a + " by " + b);
        }
        float[] x = a.data();
        float[] y = b.data();
        float[] out = new float[m * n];
        double[] row = new double[n];
        for (int i = 0; i < m; i++) {
            Arrays.fill(row, 0);
            for (int p = 0; p < k; p++) {
                double xip = x[i * k + p];
                if (xip == 0) {
                    continue;
                }
                int offset = p * n;
                for (int j = 0; j < n; j++) {
                    row[j] += xip * y[offset + j];
                }
            }
            for (int j = 0; j < n; j++) {
                out[i * n + j] = (float) row[j];
            }
        }
        return new FloatTensor(new long[] {m, n}, out);
    }

    static FloatTensor transpose(FloatTensor a) {
        int m = rows(a);
        int n = columns(a);
        float[] x = a.data();
        float[] out = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                out[j * m + i] = x[i * n + j];
            }
        }
        return new FloatTensor(new long[] {n, m}, out);
    }

    static FloatTensor scale(FloatTensor a, double factor) {
        float[] x = a.data();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) (x[i] * factor);
        }
        return new FloatTensor(a.shape(), out);
    }

    /** The Euclidean norm of each row of a [m, n] matrix, as [m]. */
    static double[] rowNorms(FloatTensor a) {
        int m = rows(a);
        int n = columns(a);
        float[] x = a.data();
        double[] norms = new double[m];
        for (int i = 0; i < m; i++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double v = x[i * n + j];
                sum += v * v;
            }
            norms[i] = Math.sqrt(sum);
        }
        return norms;
    }

    static int rows(FloatTensor a) {
        requireMatrix(a);
        return Math.toIntExact(a.dim(0));
    }

    static int columns(FloatTensor a) {
        requireMatrix(a);
        return Math.toIntExact(a.dim(1));
    }

    private static void requireMatrix(FloatTensor a) {
        if (a.rank() != 2) {
            throw new IllegalArgumentException("expected a matrix, got " + a);
        }
    }
}
