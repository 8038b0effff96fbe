package dev.peft4j.bench.plan;

import dev.peft4j.bench.model.Task;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An engine as raced: a backend plus the process environment it runs in (allocator, library switches). Environment is
 * per process, which is one reason every run gets its own JVM.
 *
 * @param name        the name on the command line and in reports
 * @param backend     the backend id that runs it
 * @param tensorflow  whether it runs on TensorFlow (whose matmul peak is the yardstick, measured once per round)
 * @param tasks       the tasks it implements
 * @param environment variables set for the run
 * @param cleared     variables removed from the inherited environment, so that "stock" really is stock
 */
public record Variant(String name, String backend, boolean tensorflow, Set<Task> tasks, Map<String, String> environment,
        List<String> cleared, String description) {

    public Variant {
        tasks = Set.copyOf(tasks);
        environment = Map.copyOf(environment);
        cleared = List.copyOf(cleared);
    }

    public boolean runs(Task task) {
        return tasks.contains(task);
    }
}
