package dev.peft4j.core.model;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.types.TFloat32;

/**
 * How a model graph differentiates a scalar built on its loss: straight through TensorFlow, or segment by segment
 * with each transformer block rebuilt for the backward pass (gradient checkpointing,
 * {@link dev.peft4j.core.model.layers.Checkpoints}).
 */
public interface Backprop {

    /**
     * d y / d x for each of {@code xs}. Where an x does not influence y: null, or, straight through TensorFlow, an
     * exception naming it.
     */
    Output<?>[] gradients(Operand<TFloat32> y, Output<?>[] xs);

    /** TensorFlow's own: every activation of the forward pass is kept for the backward pass. */
    static Backprop plain(Graph graph) {
        return (y, xs) -> graph.addGradients(y.asOutput(), xs);
    }
}
