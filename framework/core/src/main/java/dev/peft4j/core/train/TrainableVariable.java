package dev.peft4j.core.train;

import java.util.Objects;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A variable the optimizer updates.
 *
 * @param name        stable name, used as its key in checkpoints
 * @param variable    the graph variable; its shape must be fully known
 * @param weightDecay whether decoupled weight decay applies (false for biases and normalisation weights)
 */
public record TrainableVariable(String name, Variable<TFloat32> variable, boolean weightDecay) {

    public TrainableVariable {
        Objects.requireNonNull(variable, "variable");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a trainable variable needs a non-blank name");
        }
        Shape shape = variable.shape();
        if (shape.isUnknown() || shape.hasUnknownDimension()) {
            throw new IllegalArgumentException("trainable variable '" + name + "' has a shape that is not fully known: "
                    + shape + "; create it with an explicit shape");
        }
    }

    public Shape shape() {
        return variable.shape();
    }
}
