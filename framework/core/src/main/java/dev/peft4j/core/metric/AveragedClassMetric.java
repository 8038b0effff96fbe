package dev.peft4j.core.metric;

import dev.peft4j.core.config.SettingsReader;
import dev.peft4j.spi.metric.Metric;
import dev.peft4j.spi.metric.Predictions;
import dev.peft4j.spi.metric.TaskType;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Precision, recall or F1 from a streaming confusion matrix, reported under every averaging ({@code f1-micro},
 * {@code f1-macro}, {@code f1-weighted}, and {@code f1-binary} for 2 classes) and once more under the plain name
 * with the configured averaging.
 */
final class AveragedClassMetric implements Metric {

    private final String name;
    private final ClassScore score;
    private final Averaging reported;
    private ConfusionMatrix matrix;

    AveragedClassMetric(String name, ClassScore score, Averaging reported) {
        this.name = name;
        this.score = score;
        this.reported = reported;
    }

    @Override
    public Set<TaskType> tasks() {
        return EnumSet.of(TaskType.CLASSIFICATION);
    }

    @Override
    public void update(Predictions batch) {
        TaskCheck.require(batch, TaskType.CLASSIFICATION, name);
        if (reported == Averaging.BINARY && batch.numClasses() != 2) {
            throw new IllegalArgumentException("evaluation.metric." + name + ".average = binary needs a 2-class task, "
                    + "this one has " + batch.numClasses() + " classes; choose micro, macro or weighted");
        }
        if (matrix == null) {
            matrix = new ConfusionMatrix(batch.numClasses());
        }
        matrix.add(batch);
    }

    @Override
    public Map<String, Double> result() {
        Map<String, Double> result = new LinkedHashMap<>();
        if (matrix == null || matrix.total() == 0) {
            return result;
        }
        result.put(name, reported.apply(matrix, score));
        for (Averaging averaging : Averaging.values()) {
            if (averaging != Averaging.BINARY || matrix.numClasses() == 2) {
                result.put(name + "-" + SettingsReader.configName(averaging), averaging.apply(matrix, score));
            }
        }
        return result;
    }

    @Override
    public void reset() {
        matrix = null;
    }
}
