package dev.peft4j.core.data;

import dev.peft4j.core.data.split.SplitName;
import dev.peft4j.core.data.store.StoredText;
import dev.peft4j.core.data.store.TextStore;
import dev.peft4j.spi.data.Example;
import dev.peft4j.spi.metric.TaskType;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The examples of one split. Texts are read from disk on demand, so a large split costs a few bytes per example in
 * memory. Positions are 0-based; an oversampled row appears at several positions.
 */
public final class ExampleSet {

    private final SplitName split;
    private final TextStore store;
    private final int[] rows;
    private final LabelVocabulary labels;
    private final TaskType task;

    ExampleSet(SplitName split, TextStore store, int[] rows, LabelVocabulary labels, TaskType task) {
        this.split = split;
        this.store = store;
        this.rows = rows;
        this.labels = labels;
        this.task = task;
    }

    public SplitName split() {
        return split;
    }

    public TaskType task() {
        return task;
    }

    public int size() {
        return rows.length;
    }

    /** The example at a position, label written as its class name (classification) or number (regression). */
    public Example example(int position) {
        StoredText text = store.text(rows[position]);
        return new Example(text.id(), text.text(), text.pair(), label(position));
    }

    /** The class index of the example at a position (classification only). */
    public int classIndex(int position) {
        requireTask(TaskType.CLASSIFICATION);
        return store.rows().classIndex(rows[position]);
    }

    /** The regression target of the example at a position (regression only). */
    public float target(int position) {
        requireTask(TaskType.REGRESSION);
        return store.rows().target(rows[position]);
    }

    /** Examples per class index (classification only). */
    public long[] classCounts() {
        requireTask(TaskType.CLASSIFICATION);
        long[] counts = new long[labels.size()];
        for (int row : rows) {
            counts[store.rows().classIndex(row)]++;
        }
        return counts;
    }

    /** The examples in order, read lazily. */
    public Stream<Example> stream() {
        return IntStream.range(0, rows.length).mapToObj(this::example);
    }

    /** The text key (64-bit hash) of the example at a position, as used for duplicate and overlap checks. */
    public long key(int position) {
        return store.rows().key(rows[position]);
    }

    private String label(int position) {
        return task == TaskType.CLASSIFICATION ? labels.name(classIndex(position))
                : Float.toString(target(position));
    }

    private void requireTask(TaskType expected) {
        if (task != expected) {
            throw new IllegalStateException("the " + split.key() + " split is " + task + ", not " + expected);
        }
    }
}
