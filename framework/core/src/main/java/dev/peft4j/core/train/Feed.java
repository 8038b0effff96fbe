package dev.peft4j.core.train;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;

/**
 * The inputs of one session run. Tensors put here are owned by the feed and closed with it, after the run.
 */
public final class Feed implements AutoCloseable {

    private final Session.Runner runner;
    private final List<AutoCloseable> owned = new ArrayList<>();

    public Feed(Session.Runner runner) {
        this.runner = runner;
    }

    /** Feeds {@code value} to {@code input}; the feed closes {@code value} when it is closed. */
    public Feed put(Operand<?> input, Tensor value) {
        owned.add(value);
        runner.feed(input, value);
        return this;
    }

    /** Closes {@code resource} (e.g. tensors a model fed to {@link #runner()} itself) when the feed is closed. */
    public Feed closeWith(AutoCloseable resource) {
        owned.add(resource);
        return this;
    }

    public Session.Runner runner() {
        return runner;
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (AutoCloseable resource : owned) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("could not release a fed tensor: " + e.getMessage(), e);
                }
            }
        }
        owned.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
