package dev.peft4j.core.data;

import dev.peft4j.core.data.report.DataReport;
import dev.peft4j.core.data.split.SplitName;
import dev.peft4j.core.data.store.TextStore;
import dev.peft4j.spi.metric.TaskType;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of {@link DataPipeline#prepare}: the three splits, the label vocabulary, class weights for the loss,
 * and the report. Holds the temporary file the texts live in: close it when done.
 */
public final class PreparedData implements AutoCloseable {

    private final Map<SplitName, ExampleSet> splits;
    private final LabelVocabulary labels;
    private final TaskType task;
    private final float[] classWeights;
    private final DataReport report;
    private final TextStore store;

    PreparedData(Map<SplitName, ExampleSet> splits, LabelVocabulary labels, TaskType task, float[] classWeights,
                 DataReport report, TextStore store) {
        this.splits = Map.copyOf(splits);
        this.labels = labels;
        this.task = task;
        this.classWeights = classWeights;
        this.report = report;
        this.store = store;
    }

    public ExampleSet train() {
        return split(SplitName.TRAIN);
    }

    /** May be empty when {@code data.split.ratios} gives validation nothing. */
    public ExampleSet validation() {
        return split(SplitName.VALIDATION);
    }

    /** May be empty when {@code data.split.ratios} gives test nothing. */
    public ExampleSet test() {
        return split(SplitName.TEST);
    }

    public ExampleSet split(SplitName name) {
        return splits.get(name);
    }

    public TaskType task() {
        return task;
    }

    /** The class vocabulary; empty for regression. */
    public Optional<LabelVocabulary> labels() {
        return Optional.ofNullable(labels);
    }

    /** Loss weight per class index when {@code data.balance.strategy = class-weights}; otherwise empty. */
    public Optional<float[]> classWeights() {
        return Optional.ofNullable(classWeights).map(float[]::clone);
    }

    public DataReport report() {
        return report;
    }

    /** Deletes the temporary text file; the example sets cannot be read afterwards. */
    @Override
    public void close() {
        store.close();
    }
}
