package dev.peft4j.core.metric;

import dev.peft4j.spi.metric.Metric;
import dev.peft4j.spi.metric.Predictions;
import dev.peft4j.spi.metric.TaskType;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Pearson's linear correlation of predicted and gold values, in constant memory. NaN when undefined. */
final class PearsonMetric implements Metric {

    private final CoMoments moments = new CoMoments();

    @Override
    public Set<TaskType> tasks() {
        return EnumSet.of(TaskType.REGRESSION);
    }

    @Override
    public void update(Predictions batch) {
        TaskCheck.require(batch, TaskType.REGRESSION, "pearson");
        double[] predicted = batch.predictedValues();
        double[] gold = batch.goldValues();
        for (int i = 0; i < gold.length; i++) {
            moments.add(predicted[i], gold[i]);
        }
    }

    @Override
    public Map<String, Double> result() {
        return moments.count() == 0 ? Map.of() : Map.of("pearson", moments.pearson());
    }

    @Override
    public void reset() {
        moments.reset();
    }
}
