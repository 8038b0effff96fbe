package dev.peft4j.core.run;

import dev.peft4j.core.model.Backprop;
import dev.peft4j.core.model.ModelGraph;
import dev.peft4j.core.train.Feed;
import dev.peft4j.core.train.ForwardMode;
import dev.peft4j.core.train.TrainableModel;
import dev.peft4j.core.train.TrainableVariable;
import dev.peft4j.spi.metric.TaskType;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/**
 * A {@link ModelGraph} as the trainer and evaluator use it: its loss and outputs, its trainable variables (head,
 * adapter variables, unfrozen base weights) and a feed per batch.
 *
 * <p>Dropout masks come from the graph's own seeded random ops, not from {@link ForwardMode#seed()}: a run is
 * reproducible from its seed, but a resumed run draws other masks than an uninterrupted one would after the resume
 * point (with {@code model.dropout = false} it is exact).
 */
final class GraphModel<B extends ModelInput> implements TrainableModel<B> {

    private final ModelGraph graph;
    private final TaskType task;
    private final List<String> classNames;
    private final List<TrainableVariable> trainables;

    /** @param classNames the label vocabulary for classification, empty otherwise */
    GraphModel(ModelGraph graph, TaskType task, List<String> classNames) {
        if (task == TaskType.CAUSAL_LM) {
            throw new IllegalArgumentException("a pipeline run trains classification or regression heads; causal-LM"
                    + " training needs text-only data, which the data block does not read");
        }
        this.graph = graph;
        this.task = task;
        this.classNames = List.copyOf(classNames);
        this.trainables = graph.trainables().stream()
                .map(v -> new TrainableVariable(v.name(), v.variable(), v.decay()))
                .toList();
    }

    @Override
    public Backprop backprop() {
        return graph.backprop();
    }

    @Override
    public Graph graph() {
        return graph.graph();
    }

    @Override
    public Session session() {
        return graph.session();
    }

    @Override
    public TaskType task() {
        return task;
    }

    @Override
    public Operand<TFloat32> loss() {
        return graph.loss();
    }

    @Override
    public Operand<TFloat32> output() {
        return graph.logits();
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public List<TrainableVariable> trainableVariables() {
        return trainables;
    }

    @Override
    public long parameterCount() {
        return graph.parameterCount();
    }

    @Override
    public void feed(Feed feed, B batch, ForwardMode mode) {
        dev.peft4j.core.model.Feed tensors = graph.feed(batch.toModelBatch(true), mode.training());
        feed.closeWith(tensors);
        tensors.applyTo(feed.runner());
    }
}
