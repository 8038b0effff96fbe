package dev.peft4j.core.model.weights;

import dev.peft4j.spi.FloatTensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * One variable of the model and where its first value comes from: a checkpoint tensor ({@code storeName}) or a value
 * given at build time ({@code initial}, dropped once assigned). The variable is written through {@code input} and
 * {@code assign}, the only way values enter the session: no weight is ever a graph constant.
 */
final class WeightSlot {

    final String name;
    final Variable<TFloat32> variable;
    final long[] shape;
    final String storeName;
    final boolean decay;
    final Placeholder<TFloat32> input;
    final Assign<TFloat32> assign;
    /** Adapter name → the tensor's name in that adapter's file. */
    final Map<String, String> savedNames = new LinkedHashMap<>();
    FloatTensor initial;
    boolean trainable;

    WeightSlot(String name, Variable<TFloat32> variable, long[] shape, String storeName, FloatTensor initial,
            boolean decay, Placeholder<TFloat32> input, Assign<TFloat32> assign) {
        this.name = name;
        this.variable = variable;
        this.shape = shape;
        this.storeName = storeName;
        this.initial = initial;
        this.decay = decay;
        this.input = input;
        this.assign = assign;
    }

    long bytes() {
        long n = 4;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
