package dev.peft4j.bench.tf;

import dev.peft4j.bench.measure.RandomMatrix;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/** The machine's large-matmul peak as TensorFlow (the engine under peft4j) reaches it. */
public final class TfMatmul {

    private TfMatmul() {
    }

    public static double[] time(int n, int iterations, int intraOpThreads, int interOpThreads) {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Shape shape = Shape.of(n, n);
            Placeholder<TFloat32> init = tf.placeholder(TFloat32.class, Placeholder.shape(shape));
            Variable<TFloat32> a = tf.variable(shape, TFloat32.class);
            Variable<TFloat32> b = tf.variable(shape, TFloat32.class);
            // Reducing the product to a scalar forces the whole product while fetching 4 bytes.
            Operand<TFloat32> product = tf.sum(tf.linalg.matMul(a, b), tf.constant(new int[] {0, 1}));
            Op assign = tf.withControlDependencies(tf.assign(a, init), tf.assign(b, init)).noOp();
            ConfigProto config = ConfigProto.newBuilder().setIntraOpParallelismThreads(intraOpThreads)
                    .setInterOpParallelismThreads(interOpThreads).build();
            try (Session session = new Session(graph, config);
                    TFloat32 values = TFloat32.tensorOf(shape, DataBuffers.of(RandomMatrix.values(n), true, false))) {
                session.runner().feed(init, values).addTarget(assign).run().close();
                double[] seconds = new double[iterations];
                for (int i = -1; i < iterations; i++) {
                    long start = System.nanoTime();
                    try (Result r = session.runner().fetch(product).run()) {
                        ((TFloat32) r.get(0)).getFloat();
                    }
                    if (i >= 0) {
                        seconds[i] = (System.nanoTime() - start) / 1e9;
                    }
                }
                return seconds;
            }
        }
    }
}
