package dev.peft4j.core.model.reference;

import dev.peft4j.spi.FloatTensor;
import java.util.Map;

/** Plain double-precision building blocks for the reference forward passes; written for clarity, not speed. */
final class RefMath {

    private RefMath() {
    }

    static double[][] matrix(Map<String, FloatTensor> w, String name) {
        FloatTensor t = w.get(name);
        if (t == null) {
            throw new IllegalArgumentException("reference: no tensor " + name);
        }
        int rows = (int) t.dim(0);
        int cols = (int) t.dim(1);
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m[i][j] = t.data()[i * cols + j];
            }
        }
        return m;
    }

    static double[] vector(Map<String, FloatTensor> w, String name) {
        FloatTensor t = w.get(name);
        if (t == null) {
            throw new IllegalArgumentException("reference: no tensor " + name);
        }
        double[] v = new double[t.data().length];
        for (int i = 0; i < v.length; i++) {
            v[i] = t.data()[i];
        }
        return v;
    }

    /** x [T, in] times a torch Linear weight [out, in] (transposed), plus bias (may be null). */
    static double[][] linear(double[][] x, double[][] weightOutIn, double[] bias) {
        double[][] y = new double[x.length][weightOutIn.length];
        for (int t = 0; t < x.length; t++) {
            for (int o = 0; o < weightOutIn.length; o++) {
                double s = bias == null ? 0 : bias[o];
                for (int i = 0; i < x[t].length; i++) {
                    s += x[t][i] * weightOutIn[o][i];
                }
                y[t][o] = s;
            }
        }
        return y;
    }

    /** x [T, in] times a GPT-2 Conv1D weight [in, out], plus bias. */
    static double[][] conv1d(double[][] x, double[][] weightInOut, double[] bias) {
        double[][] y = new double[x.length][bias.length];
        for (int t = 0; t < x.length; t++) {
            for (int o = 0; o < bias.length; o++) {
                double s = bias[o];
                for (int i = 0; i < x[t].length; i++) {
                    s += x[t][i] * weightInOut[i][o];
                }
                y[t][o] = s;
            }
        }
        return y;
    }

    static double[][] layerNorm(double[][] x, double[] gamma, double[] beta, double eps) {
        double[][] y = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            int n = x[t].length;
            double mean = 0;
            for (double v : x[t]) {
                mean += v / n;
            }
            double var = 0;
            for (double v : x[t]) {
                var += (v - mean) * (v - mean) / n;
            }
            y[t] = new double[n];
            for (int i = 0; i < n; i++) {
                y[t][i] = (x[t][i] - mean) / Math.sqrt(var + eps) * gamma[i] + beta[i];
            }
        }
        return y;
    }

    static double[][] rmsNorm(double[][] x, double[] gamma, double eps) {
        double[][] y = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            int n = x[t].length;
            double ms = 0;
            for (double v : x[t]) {
                ms += v * v / n;
            }
            y[t] = new double[n];
            for (int i = 0; i < n; i++) {
                y[t][i] = x[t][i] / Math.sqrt(ms + eps) * gamma[i];
            }
        }
        return y;
    }

    static double geluTanh(double x) {
        return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
    }

    /** 0.5·x·(1 + erf(x/√2)). */
    static double geluExact(double x) {
        return 0.5 * x * (1 + erf(x / Math.sqrt(2)));
    }

    static double silu(double x) {
        return x / (1 + Math.exp(-x));
    }

    static double[][] map(double[][] x, java.util.function.DoubleUnaryOperator f) {
        double[][] y = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            y[t] = new double[x[t].length];
            for (int i = 0; i < x[t].length; i++) {
                y[t][i] = f.applyAsDouble(x[t][i]);
            }
        }
        return y;
    }

    static double[][] add(double[][] a, double[][] b) {
        double[][] y = new double[a.length][];
        for (int t = 0; t < a.length; t++) {
            y[t] = new double[a[t].length];
            for (int i = 0; i < a[t].length; i++) {
                y[t][i] = a[t][i] + b[t][i];
            }
        }
        return y;
    }

    static double[][] columns(double[][] x, int from, int to) {
        double[][] y = new double[x.length][to - from];
        for (int t = 0; t < x.length; t++) {
            System.arraycopy(x[t], from, y[t], 0, to - from);
        }
        return y;
    }

    /**
     * Multi-head attention over one sequence. Query head h reads key/value head h / (qHeads / kvHeads).
     *
     * @param allowed allowed[i][j]: query i may attend key j
     */
    static double[][] attention(double[][] q, double[][] k, double[][] v, int qHeads, int kvHeads, int headDim,
            double scale, boolean[][] allowed) {
        int len = q.length;
        double[][] out = new double[len][qHeads * headDim];
        for (int h = 0; h < qHeads; h++) {
            int kvh = h / (qHeads / kvHeads);
            for (int i = 0; i < len; i++) {
                double[] scores = new double[len];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < len; j++) {
                    if (!allowed[i][j]) {
                        continue;
                    }
                    double s = 0;
                    for (int d = 0; d < headDim; d++) {
                        s += q[i][h * headDim + d] * k[j][kvh * headDim + d];
                    }
                    scores[j] = s * scale;
                    max = Math.max(max, scores[j]);
                }
                double sum = 0;
                for (int j = 0; j < len; j++) {
                    scores[j] = allowed[i][j] ? Math.exp(scores[j] - max) : 0;
                    sum += scores[j];
                }
                for (int j = 0; j < len; j++) {
                    for (int d = 0; d < headDim; d++) {
                        out[i][h * headDim + d] += scores[j] / sum * v[j][kvh * headDim + d];
                    }
                }
            }
        }
        return out;
    }

    static boolean[][] causal(int len) {
        boolean[][] a = new boolean[len][len];
        for (int i = 0; i < len; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = true;
            }
        }
        return a;
    }

    static boolean[][] full(int len) {
        boolean[][] a = new boolean[len][len];
        for (boolean[] row : a) {
            java.util.Arrays.fill(row, true);
        }
        return a;
    }

    /** erf by its Taylor series (|x| small) or continued fraction tail; accurate to ~1e-12 for our ranges. */
    static double erf(double x) {
        if (Math.abs(x) > 4) {
            return Math.signum(x) * (1 - erfcLarge(Math.abs(x)));
        }
        double sum = 0;
        double term = x;
        for (int n = 0; n < 200; n++) {
            sum += term / (2 * n + 1);
            term *= -x * x / (n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    private static double erfcLarge(double x) {
        // Asymptotic expansion; only used for |x| > 4, where erfc < 2e-8 anyway.
        return Math.exp(-x * x) / (x * Math.sqrt(Math.PI)) * (1 - 1 / (2 * x * x));
    }
}
