package dev.peft4j.core.pretrain;

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
 * A {@link ModelGraph} with a causal- or masked-LM head as the trainer sees it, fed blocks through the objective's
 * {@link TokenTargets}. Its loss is the mean over the scored tokens of a batch.
 */
public final class LanguageModel implements TrainableModel<BlockBatch> {

    private final ModelGraph graph;
    private final TokenTargets targets;
    private final List<TrainableVariable> trainables;

    public LanguageModel(ModelGraph graph, TokenTargets targets) {
        if (!graph.options().head().predictsTokens()) {
            throw new IllegalArgumentException("a language model needs a causal- or masked-LM head, not "
                    + graph.options().head().type());
        }
        this.graph = graph;
        this.targets = targets;
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

    /**
     * The SPI's one token-level task: a masked LM reports as it too, since its scores (loss and perplexity over the
     * scored tokens) are the same kind. Only {@link HeldOutLoss} evaluates this model.
     */
    @Override
    public TaskType task() {
        return TaskType.CAUSAL_LM;
    }

    @Override
    public Operand<TFloat32> loss() {
        return graph.loss();
    }

    /** How many tokens {@link #loss()} averages over. */
    public Operand<TFloat32> scoredTokenCount() {
        return graph.lossWeight();
    }

    @Override
    public Operand<TFloat32> output() {
        return graph.logits();
    }

    @Override
    public List<String> classNames() {
        return List.of();
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
    public void feed(Feed feed, BlockBatch batch, ForwardMode mode) {
        dev.peft4j.core.model.Feed tensors = graph.feed(targets.toModelBatch(batch, mode), mode.training());
        feed.closeWith(tensors);
        tensors.applyTo(feed.runner());
    }
}
