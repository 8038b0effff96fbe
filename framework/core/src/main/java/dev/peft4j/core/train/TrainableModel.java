package dev.peft4j.core.train;

import dev.peft4j.core.model.Backprop;
import dev.peft4j.spi.metric.TaskType;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/**
 * What the trainer and evaluator need from a model graph: its session, its loss, its outputs, the variables that
 * train, and a way to feed a batch. Frozen weights are not listed and get no gradient, no optimizer slot and no update.
 *
 * @param <B> the batch type the model knows how to feed
 */
public interface TrainableModel<B extends Batch> {

    Graph graph();

    /** How the loss is differentiated; the model's own when it was built with gradient checkpointing. */
    default Backprop backprop() {
        return Backprop.plain(graph());
    }

    /** The session that holds the variables' values; every variable is initialised when the trainer receives it. */
    Session session();

    TaskType task();

    /** Scalar mean loss of a batch (over rows, or over scored tokens for causal LM). */
    Operand<TFloat32> loss();

    /**
     * Classification: logits [batch, classes]. Regression: predictions [batch] or [batch, 1]. Causal LM: the summed
     * negative log-likelihood of the scored tokens of each row [batch].
     */
    Operand<TFloat32> output();

    /** Causal LM only: the number of scored tokens of each row [batch], as floats. */
    default Optional<Operand<TFloat32>> scoredTokens() {
        return Optional.empty();
    }

    /** Class names by index for classification; empty for other tasks. */
    List<String> classNames();

    /** The variables to train, in a stable order. */
    List<TrainableVariable> trainableVariables();

    /** Every weight of the model, frozen and trainable, for the report's parameter counts. */
    long parameterCount();

    /** Puts a batch's inputs (and labels, when it has them) and the forward mode into a run's feed. */
    void feed(Feed feed, B batch, ForwardMode mode);
}
