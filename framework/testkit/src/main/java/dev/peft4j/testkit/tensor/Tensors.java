package dev.peft4j.testkit.tensor;

import dev.peft4j.core.model.Feed;
import dev.peft4j.spi.FloatTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Moves fp32 values between Java and TensorFlow in tests, and computes references in double precision. */
public final class Tensors {

    private Tensors() {
    }

    public static Operand<TFloat32> constant(Ops tf, FloatTensor value) {
        return tf.constant(Shape.of(value.shape()), DataBuffers.of(value.data(), true, false));
    }

    public static TFloat32 tensor(FloatTensor value) {
        return TFloat32.tensorOf(Shape.of(value.shape()), DataBuffers.of(value.data(), true, false));
    }

    /** Runs the session once with a model's {@code feed} and returns the values of {@code fetches}, in order. */
    public static List<FloatTensor> run(Feed feed, Session session, List<Operand<TFloat32>> fetches) {
        Session.Runner runner = feed.applyTo(session.runner());
        fetches.forEach(runner::fetch);
        try (Result result = runner.run()) {
            List<FloatTensor> values = new ArrayList<>();
            for (int i = 0; i < fetches.size(); i++) {
                values.add(copy((TFloat32) result.get(i)));
            }
            return values;
        }
    }

    /** Runs the session once, feeding {@code feeds}, and returns the value of {@code fetch}. */
    public static FloatTensor run(Session session, Operand<TFloat32> fetch, Map<Operand<?>, Tensor> feeds) {
        Session.Runner runner = session.runner();
        feeds.forEach(runner::feed);
        try (Result result = runner.fetch(fetch).run()) {
            return copy((TFloat32) result.get(0));
        }
    }

    private static FloatTensor copy(TFloat32 tensor) {
        float[] values = new float[Math.toIntExact(tensor.size())];
        tensor.copyTo(DataBuffers.of(values, false, false));
        return new FloatTensor(tensor.shape().asArray(), values);
    }

    public static FloatTensor random(RandomGenerator random, double std, long... shape) {
        FloatTensor zeros = FloatTensor.zeros(shape);
        float[] values = zeros.data();
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
        return new FloatTensor(shape, values);
    }

    /** {@code a · bᵀ} in double, a [m, k], b [n, k]. */
    public static double[][] timesTransposed(FloatTensor a, FloatTensor b) {
        int m = (int) a.dim(0);
        int k = (int) a.dim(1);
        int n = (int) b.dim(0);
        double[][] out = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += (double) a.data()[i * k + p] * b.data()[j * k + p];
                }
                out[i][j] = sum;
            }
        }
        return out;
    }

    public static FloatTensor transpose(FloatTensor a) {
        int m = (int) a.dim(0);
        int n = (int) a.dim(1);
        float[] out = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                out[j * m + i] = a.data()[i * n + j];
            }
        }
        return new FloatTensor(new long[] {n, m}, out);
    }

    public static double[][] matrix(FloatTensor a) {
        int m = (int) a.dim(0);
        int n = (int) a.dim(1);
        double[][] out = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                out[i][j] = a.data()[i * n + j];
            }
        }
        return out;
    }
}
