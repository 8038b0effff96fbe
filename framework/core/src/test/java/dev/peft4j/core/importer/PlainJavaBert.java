package dev.peft4j.core.importer;

import dev.peft4j.core.model.WeightStore;

/**
 * Hugging Face's BertModel forward pass written out in plain Java (doubles, no TensorFlow), over the weights of a
 * checkpoint by their Hugging Face names: if the importer misnamed, mis-shaped or failed to transpose any tensor, or
 * read a wrong epsilon or head count, this disagrees with ONNX Runtime on the original file.
 */
final class PlainJavaBert {

    private final WeightStore weights;
    private final BertConfig config;

    PlainJavaBert(WeightStore weights, BertConfig config) {
        this.weights = weights;
        this.config = config;
    }

    /** The last hidden state of one row, [seq][hidden]. */
    double[][] lastHiddenState(long[] ids, long[] mask, long[] typeIds) {
        int seq = ids.length;
        int h = config.hiddenSize();
        float[] words = w("embeddings.word_embeddings.weight");
        float[] positions = w("embeddings.position_embeddings.weight");
        float[] types = w("embeddings.token_type_embeddings.weight");
        double[][] x = new double[seq][h];
        for (int t = 0; t < seq; t++) {
            for (int d = 0; d < h; d++) {
                x[t][d] = words[(int) ids[t] * h + d] + positions[t * h + d] + types[(int) typeIds[t] * h + d];
            }
        }
        x = layerNorm(x, "embeddings.LayerNorm");
        for (int layer = 0; layer < config.numHiddenLayers(); layer++) {
            String p = "encoder.layer." + layer + ".";
            double[][] attention = linear(selfAttention(x, mask, p + "attention.self."), p + "attention.output.dense");
            x = layerNorm(add(attention, x), p + "attention.output.LayerNorm");
            double[][] inner = linear(x, p + "intermediate.dense");
            for (double[] row : inner) {
                for (int d = 0; d < row.length; d++) {
                    row[d] = 0.5 * row[d] * (1 + erf(row[d] / Math.sqrt(2)));
                }
            }
            x = layerNorm(add(linear(inner, p + "output.dense"), x), p + "output.LayerNorm");
        }
        return x;
    }

    private double[][] selfAttention(double[][] x, long[] mask, String prefix) {
        double[][] q = linear(x, prefix + "query");
        double[][] k = linear(x, prefix + "key");
        double[][] v = linear(x, prefix + "value");
        int seq = x.length;
        int heads = config.numAttentionHeads();
        int size = config.hiddenSize() / heads;
        double[][] context = new double[seq][config.hiddenSize()];
        for (int head = 0; head < heads; head++) {
            int off = head * size;
            for (int i = 0; i < seq; i++) {
                double[] scores = new double[seq];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < seq; j++) {
                    double dot = 0;
                    for (int d = 0; d < size; d++) {
                        dot += q[i][off + d] * k[j][off + d];
                    }
                    scores[j] = mask[j] == 1 ? dot / Math.sqrt(size) : Double.NEGATIVE_INFINITY;
                    max = Math.max(max, scores[j]);
                }
                double sum = 0;
                for (int j = 0; j < seq; j++) {
                    scores[j] = Math.exp(scores[j] - max);
                    sum += scores[j];
                }
                for (int j = 0; j < seq; j++) {
                    for (int d = 0; d < size; d++) {
                        context[i][off + d] += scores[j] / sum * v[j][off + d];
                    }
                }
            }
        }
        return context;
    }

    /** x W^T + b with W stored [out, in], as torch.nn.Linear. */
    private double[][] linear(double[][] x, String prefix) {
        float[] weight = w(prefix + ".weight");
        float[] bias = w(prefix + ".bias");
        int out = bias.length;
        int in = x[0].length;
        double[][] y = new double[x.length][out];
        for (int t = 0; t < x.length; t++) {
            for (int o = 0; o < out; o++) {
                double acc = bias[o];
                for (int i = 0; i < in; i++) {
                    acc += weight[o * in + i] * x[t][i];
                }
                y[t][o] = acc;
            }
        }
        return y;
    }

    private double[][] layerNorm(double[][] x, String prefix) {
        float[] gamma = w(prefix + ".weight");
        float[] beta = w(prefix + ".bias");
        double[][] y = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            double mean = 0;
            for (double v : x[t]) {
                mean += v;
            }
            mean /= x[t].length;
            double variance = 0;
            for (double v : x[t]) {
                variance += (v - mean) * (v - mean);
            }
            variance /= x[t].length;
            double scale = 1 / Math.sqrt(variance + config.layerNormEps());
            y[t] = new double[x[t].length];
            for (int d = 0; d < x[t].length; d++) {
                y[t][d] = (x[t][d] - mean) * scale * gamma[d] + beta[d];
            }
        }
        return y;
    }

    private static double[][] add(double[][] a, double[][] b) {
        double[][] y = new double[a.length][a[0].length];
        for (int t = 0; t < a.length; t++) {
            for (int d = 0; d < a[t].length; d++) {
                y[t][d] = a[t][d] + b[t][d];
            }
        }
        return y;
    }

    /** erf to about 1e-16 relative: its Maclaurin series for |x| < 3, 1 beyond (erfc(3) = 2.2e-5 is below it). */
    static double erf(double x) {
        double ax = Math.abs(x);
        if (ax >= 6) {
            return Math.signum(x);
        }
        // erf(x) = 2/sqrt(pi) * exp(-x^2) * sum x^(2n+1) 2^n / (1*3*...*(2n+1)): all terms positive, no cancellation
        double term = ax;
        double sum = ax;
        for (int n = 1; n < 200 && term > 1e-17 * sum; n++) {
            term *= 2 * ax * ax / (2 * n + 1);
            sum += term;
        }
        double value = 2 / Math.sqrt(Math.PI) * Math.exp(-ax * ax) * sum;
        return Math.copySign(Math.min(value, 1.0), x);
    }

    private float[] w(String name) {
        return weights.read(name).data();
    }
}
