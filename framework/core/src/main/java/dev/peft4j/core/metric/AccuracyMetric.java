package dev.peft4j.core.metric;

import dev.peft4j.spi.metric.Metric;
import dev.peft4j.spi.metric.Predictions;
import dev.peft4j.spi.metric.TaskType;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The fraction of examples whose predicted class is the gold class. */
final class AccuracyMetric implements Metric {

    private long correct;
    private long total;

    @Override
    public Set<TaskType> tasks() {
        return EnumSet.of(TaskType.CLASSIFICATION);
    }

    @Override
    public void update(Predictions batch) {
        TaskCheck.require(batch, TaskType.CLASSIFICATION, "accuracy");
        int[] gold = batch.goldClasses();
        int[] predicted = batch.predictedClasses();
        for (int i = 0; i < gold.length; i++) {
            if (gold[i] == predicted[i]) {
                correct++;
            }
        }
        total += gold.length;
    }

    @Override
    public Map<String, Double> result() {
        return total == 0 ? Map.of() : Map.of("accuracy", (double) correct / total);
    }

    @Override
    public void reset() {
        correct = 0;
        total = 0;
    }
}
