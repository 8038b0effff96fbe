package dev.peft4j.bench.peft4j;

import dev.peft4j.bench.tf.TfMatmul;
import dev.peft4j.bench.workload.Backend;
import dev.peft4j.bench.workload.Workload;
import dev.peft4j.bench.workload.WorkloadSpec;

/** peft4j itself: its model builder, tuning methods and AdamW on TensorFlow Java. */
public final class Peft4jBackend implements Backend {

    @Override
    public String id() {
        return "peft4j";
    }

    @Override
    public Workload workload(WorkloadSpec spec) {
        return new Peft4jWorkload(spec);
    }

    @Override
    public double[] timeMatmul(int n, int iterations, int intraOpThreads, int interOpThreads) {
        return TfMatmul.time(n, iterations, intraOpThreads, interOpThreads);
    }
}
