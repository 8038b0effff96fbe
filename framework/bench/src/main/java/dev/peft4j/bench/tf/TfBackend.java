package dev.peft4j.bench.tf;

import dev.peft4j.bench.workload.Backend;
import dev.peft4j.bench.workload.Workload;
import dev.peft4j.bench.workload.WorkloadSpec;

/**
 * A hand-written TensorFlow Java graph of the GPT-2 tasks: the same runtime as peft4j without its model builder,
 * surgery and trainer, as a reference for what peft4j's graph costs on top. GPT-2 tasks only.
 */
public final class TfBackend implements Backend {

    @Override
    public String id() {
        return "tf";
    }

    @Override
    public Workload workload(WorkloadSpec spec) {
        if (spec.task().bert()) {
            throw new IllegalArgumentException("the hand-written TensorFlow graph covers the GPT-2 tasks only, not "
                    + spec.task().id());
        }
        return new TfWorkload(spec);
    }

    @Override
    public double[] timeMatmul(int n, int iterations, int intraOpThreads, int interOpThreads) {
        return TfMatmul.time(n, iterations, intraOpThreads, interOpThreads);
    }
}
