package dev.peft4j.core.model;

import java.util.Map;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A variable the optimizer updates.
 *
 * @param name       unique in the graph: the Hugging Face name for head and base weights ({@code classifier.weight}),
 *                   {@code adapters/<adapter>/<saved name>} for a variable an adapter added
 * @param shape      its static shape
 * @param decay      whether decoupled weight decay applies (false for biases and normalisation weights, as in
 *                   Hugging Face's Trainer)
 * @param savedNames for each adapter that saves this variable, the tensor name in its {@code adapter_model.safetensors}
 */
public record TrainableVariable(
        String name, Variable<TFloat32> variable, long[] shape, boolean decay, Map<String, String> savedNames) {

    public TrainableVariable {
        shape = shape.clone();
        savedNames = Map.copyOf(savedNames);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public long size() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
