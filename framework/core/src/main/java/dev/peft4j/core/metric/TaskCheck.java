package dev.peft4j.core.metric;

import dev.peft4j.spi.metric.Predictions;
import dev.peft4j.spi.metric.TaskType;
import java.util.Locale;

/** Refuses a batch of another task than the metric scores, naming both. */
final class TaskCheck {

    private TaskCheck() {
    }

    static void require(Predictions batch, TaskType task, String metric) {
        if (batch.task() != task) {
            throw new IllegalArgumentException("metric '" + metric + "' scores " + name(task) + " predictions, got "
                    + name(batch.task()) + " ones; remove it from evaluation.metrics for this task");
        }
    }

    private static String name(TaskType task) {
        return task.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
