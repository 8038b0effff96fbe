package dev.peft4j.spi.metric;

import java.util.Map;
import java.util.Set;

/**
 * A streaming metric: fed batch by batch, read at the end, reset between evaluations.
 * Not thread-safe; the host feeds one metric from one thread.
 */
public interface Metric {

    /** Tasks this metric can score; the host refuses a pipeline that asks for it on another task. */
    Set<TaskType> tasks();

    void update(Predictions batch);

    /**
     * Values by name, e.g. {@code f1-macro -> 0.87}. A metric with averaging variants reports each under its own
     * name. Empty when nothing was seen.
     */
    Map<String, Double> result();

    void reset();
}
