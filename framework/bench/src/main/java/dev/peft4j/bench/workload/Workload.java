package dev.peft4j.bench.workload;

import dev.peft4j.bench.model.TokenBatch;
import dev.peft4j.bench.model.WeightSource;

/**
 * One engine running one task of the benchmark. The harness times {@link #setup} plus the first {@link #step} as "time
 * to first step", then the steady-state steps. To race another implementation (e.g. peft4j's own model and trainer),
 * implement this interface and register a {@link Backend} for it.
 */
public interface Workload extends AutoCloseable {

    /** The engine's name as reports show it, e.g. {@code tensorflow} or {@code pytorch}. */
    String engine();

    /**
     * Builds the model and optimizer and loads the initial weights. Ask {@code weights} for every tensor of
     * {@link dev.peft4j.bench.model.GptLayout#forTask}; never keep the returned arrays after loading them.
     */
    void setup(WeightSource weights);

    /**
     * One step on {@code batch}: forward, backward and Adam update when the task trains, forward only otherwise. Must
     * return only when the step's work is done (no asynchronous tail left to the next call).
     */
    StepResult step(TokenBatch batch);

    @Override
    void close();
}
