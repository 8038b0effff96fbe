package dev.peft4j.core.metric;

import dev.peft4j.spi.metric.Metric;
import dev.peft4j.spi.metric.Predictions;
import dev.peft4j.spi.metric.TaskType;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The mean of the squared differences between predicted and gold values. */
final class MeanSquaredErrorMetric implements Metric {

    private double sumOfSquares;
    private long count;

    @Override
    public Set<TaskType> tasks() {
        return EnumSet.of(TaskType.REGRESSION);
    }

    @Override
    public void update(Predictions batch) {
        TaskCheck.require(batch, TaskType.REGRESSION, "mse");
        double[] predicted = batch.predictedValues();
        double[] gold = batch.goldValues();
        for (int i = 0; i < gold.length; i++) {
            double error = predicted[i] - gold[i];
            sumOfSquares += error * error;
        }
        count += gold.length;
    }

    @Override
    public Map<String, Double> result() {
        return count == 0 ? Map.of() : Map.of("mse", sumOfSquares / count);
    }

    @Override
    public void reset() {
        sumOfSquares = 0;
        count = 0;
    }
}
