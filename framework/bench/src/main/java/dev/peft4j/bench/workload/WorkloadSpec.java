package dev.peft4j.bench.workload;

import dev.peft4j.bench.model.AdamSettings;
import dev.peft4j.bench.model.GptShape;
import dev.peft4j.bench.model.Task;

/**
 * Everything a backend needs to build a workload.
 *
 * @param intraOpThreads threads one op may use (the machine's cores)
 * @param interOpThreads ops that may run concurrently
 */
public record WorkloadSpec(Task task, GptShape shape, AdamSettings adam, int intraOpThreads, int interOpThreads) {

    public WorkloadSpec {
        if (task == null || shape == null || adam == null) {
            throw new IllegalArgumentException("task, shape and adam are required");
        }
        if (intraOpThreads <= 0 || interOpThreads <= 0) {
            throw new IllegalArgumentException(
                    "thread counts must be > 0 but were intra " + intraOpThreads + ", inter " + interOpThreads);
        }
    }
}
