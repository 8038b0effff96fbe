package dev.peft4j.bench.workload;

import dev.peft4j.bench.model.AdamSettings;
import dev.peft4j.bench.model.BertShape;
import dev.peft4j.bench.model.ModelShape;
import dev.peft4j.bench.model.Task;

/**
 * Everything a backend needs to build a workload.
 *
 * @param shape          a {@link dev.peft4j.bench.model.GptShape} for the causal-LM tasks, a {@link BertShape} for
 *                       the classification task
 * @param intraOpThreads threads one op may use (the machine's cores)
 * @param interOpThreads ops that may run concurrently
 */
public record WorkloadSpec(Task task, ModelShape shape, AdamSettings adam, int intraOpThreads, int interOpThreads) {

    public WorkloadSpec {
        if (task == null || shape == null || adam == null) {
            throw new IllegalArgumentException("task, shape and adam are required");
        }
        if (task.bert() != shape instanceof BertShape) {
            throw new IllegalArgumentException("task " + task.id() + " cannot run on a " + shape.getClass().getSimpleName());
        }
        if (intraOpThreads <= 0 || interOpThreads <= 0) {
            throw new IllegalArgumentException(
                    "thread counts must be > 0 but were intra " + intraOpThreads + ", inter " + interOpThreads);
        }
    }
}
