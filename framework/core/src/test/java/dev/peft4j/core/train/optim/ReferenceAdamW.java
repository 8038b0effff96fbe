package dev.peft4j.core.train.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.peft4j.core.train.fixtures.ProductModel;

/**
 * PyTorch's AdamW written out by hand in doubles for {@link ProductModel}'s loss, with the gradients derived on paper:
 * dA = k·D·Bᵀ, dB = k·Aᵀ·D, dbias = k·C, where D = A·B − (I + F).
 */
final class ReferenceAdamW {

    private final OptimizerSpec spec;
    final double[] a = toDouble(ProductModel.A0);
    final double[] b = toDouble(ProductModel.B0);
    final double[] bias = toDouble(ProductModel.BIAS0);
    private final double[][] m = {new double[6], new double[6], new double[2]};
    private final double[][] v = {new double[6], new double[6], new double[2]};
    private int t;
    double lossBefore;
    double gradNorm;

    ReferenceAdamW(OptimizerSpec spec) {
        this.spec = spec;
    }

    void step(double k, double lr) {
        double[] d = new double[4];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double p = 0;
                for (int r = 0; r < 3; r++) {
                    p += a[i * 3 + r] * b[r * 2 + j];
                }
                d[i * 2 + j] = p - ((i == j ? 1 : 0) + ProductModel.F0[i * 2 + j]);
            }
        }
        double half = 0;
        for (double x : d) {
            half += 0.5 * x * x;
        }
        lossBefore = k * (half + bias[0] * ProductModel.C[0] + bias[1] * ProductModel.C[1]);
        double[] ga = new double[6];
        double[] gb = new double[6];
        for (int i = 0; i < 2; i++) {
            for (int r = 0; r < 3; r++) {
                for (int j = 0; j < 2; j++) {
                    ga[i * 3 + r] += k * d[i * 2 + j] * b[r * 2 + j];
                    gb[r * 2 + j] += k * a[i * 3 + r] * d[i * 2 + j];
                }
            }
        }
        double[] gbias = {k * ProductModel.C[0], k * ProductModel.C[1]};
        double[][] grads = {ga, gb, gbias};
        double sq = 0;
        for (double[] g : grads) {
            for (double x : g) {
                sq += x * x;
            }
        }
        gradNorm = Math.sqrt(sq);
        double clip = spec.clipping() ? Math.min(1, spec.maxGradNorm() / (gradNorm + 1e-6)) : 1;
        t++;
        double bc1 = 1 - Math.pow(spec.beta1(), t);
        double bc2 = 1 - Math.pow(spec.beta2(), t);
        double[][] params = {a, b, bias};
        boolean[] decay = {true, true, false};
        for (int p = 0; p < 3; p++) {
            for (int i = 0; i < params[p].length; i++) {
                double g = grads[p][i] * clip;
                m[p][i] = spec.beta1() * m[p][i] + (1 - spec.beta1()) * g;
                v[p][i] = spec.beta2() * v[p][i] + (1 - spec.beta2()) * g * g;
                if (decay[p]) {
                    params[p][i] *= 1 - lr * spec.weightDecay();
                }
                double denominator = Math.sqrt(v[p][i]) / Math.sqrt(bc2) + spec.epsilon();
                params[p][i] -= lr / bc1 * m[p][i] / denominator;
            }
        }
    }

    void assertMatches(ProductModel model, double tolerance) {
        assertClose("A", model.value("A"), a, tolerance);
        assertClose("B", model.value("B"), b, tolerance);
        assertClose("bias", model.value("bias"), bias, tolerance);
    }

    private static void assertClose(String name, float[] actual, double[] expected, double tolerance) {
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as(name + "[" + i + "]").isCloseTo(expected[i], within(tolerance));
        }
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
