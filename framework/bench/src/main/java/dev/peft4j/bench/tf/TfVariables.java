package dev.peft4j.bench.tf;

import dev.peft4j.bench.model.TensorSpec;
import dev.peft4j.bench.model.WeightSource;
import dev.peft4j.spi.FloatTensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The model's weights as graph variables (never constants: Grappler would fold them, at many times the memory and
 * setup time), each assigned once from its own placeholder. Loading runs one assignment per group of weights, so only
 * one group's values are held as feed tensors at a time.
 */
final class TfVariables {

    private record Loader(TensorSpec spec, Placeholder<TFloat32> value, Op assign) {
    }

    private final Ops tf;
    private final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
    private final List<List<Loader>> groups = new ArrayList<>();

    TfVariables(Ops tf) {
        this.tf = tf;
    }

    /** Declares the variables of one loading group (e.g. one transformer block). */
    void addGroup(List<TensorSpec> specs) {
        List<Loader> group = new ArrayList<>();
        for (TensorSpec spec : specs) {
            Shape shape = Shape.of(spec.shape());
            Variable<TFloat32> variable = tf.withName(spec.name()).variable(shape, TFloat32.class);
            Placeholder<TFloat32> value = tf.placeholder(TFloat32.class, Placeholder.shape(shape));
            group.add(new Loader(spec, value, tf.assign(variable, value)));
            variables.put(spec.name(), variable);
        }
        groups.add(group);
    }

    Variable<TFloat32> get(String name) {
        Variable<TFloat32> variable = variables.get(name);
        if (variable == null) {
            throw new IllegalStateException("no variable '" + name + "' was declared; declared: " + variables.keySet());
        }
        return variable;
    }

    /** Assigns every variable from {@code weights}, one session run per group. */
    void load(Session session, WeightSource weights) {
        for (List<Loader> group : groups) {
            List<TFloat32> feeds = new ArrayList<>();
            try {
                Session.Runner runner = session.runner();
                for (Loader loader : group) {
                    FloatTensor values = weights.tensor(loader.spec());
                    TFloat32 tensor = TFloat32.tensorOf(
                            Shape.of(values.shape()), DataBuffers.of(values.data(), true, false));
                    feeds.add(tensor);
                    runner.feed(loader.value(), tensor).addTarget(loader.assign());
                }
                runner.run().close();
            } finally {
                feeds.forEach(TFloat32::close);
            }
        }
    }
}
