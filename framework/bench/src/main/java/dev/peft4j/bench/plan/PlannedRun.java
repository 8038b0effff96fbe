package dev.peft4j.bench.plan;

import dev.peft4j.bench.run.RunSpec;

/** One forked run of the plan: what it measures, on which variant, in which round. */
public record PlannedRun(int repetition, Variant variant, RunSpec spec) {

    /** A file-name-safe label, e.g. {@code r1-lora-torch-tuned}. */
    public String label() {
        String what = spec.measuresMatmul() ? "matmul" : spec.task().id();
        return "r" + repetition + "-" + what + "-" + variant.name();
    }
}
