package dev.peft4j.bench.run;

import dev.peft4j.bench.model.AdamSettings;
import dev.peft4j.bench.model.ModelShape;
import dev.peft4j.bench.model.Task;
import dev.peft4j.bench.workload.WorkloadSpec;

/**
 * What one forked JVM measures: either a workload (task != null) or the large-matmul peak (task == null).
 *
 * @param variant       the engine variant's name (e.g. torch-tuned), for reports
 * @param backend       the backend id that runs it (e.g. torch)
 * @param warmupSteps   steps before measuring, counting the first step (at least 1)
 * @param measuredSteps steps timed after warm-up
 * @param batchPool     distinct batches cycled through (see {@code TokenBatches})
 */
public record RunSpec(String variant, String backend, Task task, ModelShape shape, AdamSettings adam, int warmupSteps,
        int measuredSteps, int batchPool, long seed, int intraOpThreads, int interOpThreads, int matmulSize,
        int matmulIterations) {

    public RunSpec {
        if (variant == null || backend == null) {
            throw new IllegalArgumentException("variant and backend are required");
        }
        if (task != null && (shape == null || adam == null)) {
            throw new IllegalArgumentException("a workload run needs a shape and Adam settings");
        }
        if (warmupSteps < 1 || measuredSteps < 1) {
            throw new IllegalArgumentException("need at least 1 warm-up step (the first step) and 1 measured step but got "
                    + warmupSteps + " and " + measuredSteps);
        }
    }

    public boolean measuresMatmul() {
        return task == null;
    }

    public int totalSteps() {
        return warmupSteps + measuredSteps;
    }

    public WorkloadSpec workloadSpec() {
        return new WorkloadSpec(task, shape, adam, intraOpThreads, interOpThreads);
    }

    /** The same run on another variant. */
    public RunSpec on(String otherVariant, String otherBackend) {
        return new RunSpec(otherVariant, otherBackend, task, shape, adam, warmupSteps, measuredSteps, batchPool, seed,
                intraOpThreads, interOpThreads, matmulSize, matmulIterations);
    }
}
