package dev.peft4j.core.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;

/**
 * The tensors that feed one batch into a model's session. Closing it frees their native memory; use it in a
 * try-with-resources around the run.
 */
public final class Feed implements AutoCloseable {

    private final Map<Operand<?>, Tensor> values = new LinkedHashMap<>();
    private final List<Tensor> owned = new ArrayList<>();

    void put(Operand<?> placeholder, Tensor value) {
        values.put(placeholder, value);
        owned.add(value);
    }

    /** Adds every feed to {@code runner} and returns it, ready for fetches and targets. */
    public Session.Runner applyTo(Session.Runner runner) {
        values.forEach(runner::feed);
        return runner;
    }

    @Override
    public void close() {
        owned.forEach(Tensor::close);
        owned.clear();
        values.clear();
    }
}
