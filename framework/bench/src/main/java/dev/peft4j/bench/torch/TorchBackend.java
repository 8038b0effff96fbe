package dev.peft4j.bench.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.peft4j.bench.measure.RandomMatrix;
import dev.peft4j.bench.workload.Backend;
import dev.peft4j.bench.workload.Workload;
import dev.peft4j.bench.workload.WorkloadSpec;

/**
 * PyTorch (libtorch 2.7.1) through DJL 0.36, offline: the native jar on the class path is unpacked to
 * {@code ENGINE_CACHE_DIR}. Thread counts are process-wide in libtorch, so they are set before the engine first loads.
 */
public final class TorchBackend implements Backend {

    static final String ENGINE = "PyTorch";

    @Override
    public String id() {
        return "torch";
    }

    @Override
    public Workload workload(WorkloadSpec spec) {
        configureThreads(spec.intraOpThreads(), spec.interOpThreads());
        return new TorchWorkload(spec);
    }

    @Override
    public double[] timeMatmul(int n, int iterations, int intraOpThreads, int interOpThreads) {
        configureThreads(intraOpThreads, interOpThreads);
        try (NDManager manager = NDManager.newBaseManager(ENGINE)) {
            NDArray values = manager.create(RandomMatrix.values(n), new Shape(n, n));
            NDArray a = values.duplicate();
            NDArray b = values.duplicate();
            double[] seconds = new double[iterations];
            for (int i = -1; i < iterations; i++) {
                long start = System.nanoTime();
                try (NDArray product = a.matMul(b); NDArray sum = product.sum()) {
                    sum.getFloat();
                }
                if (i >= 0) {
                    seconds[i] = (System.nanoTime() - start) / 1e9;
                }
            }
            return seconds;
        }
    }

    private static void configureThreads(int intraOpThreads, int interOpThreads) {
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(intraOpThreads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(interOpThreads));
    }
}
