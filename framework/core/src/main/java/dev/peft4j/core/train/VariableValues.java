package dev.peft4j.core.train;

import dev.peft4j.spi.FloatTensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Reads and writes the values of a fixed set of fp32 variables, all in one session run each way (one run per
 * variable would build a new executor every time).
 */
public final class VariableValues {

    private final Session session;
    private final Map<String, Variable<TFloat32>> variables;
    private final Map<String, Placeholder<TFloat32>> inputs = new LinkedHashMap<>();
    private final Map<String, Op> assigns = new LinkedHashMap<>();

    /**
     * Adds one placeholder and one assign per variable to the graph, under {@code scopeName}.
     *
     * @param variables by name, in a stable order
     */
    public VariableValues(Graph graph, Session session, String scopeName, Map<String, Variable<TFloat32>> variables) {
        this.session = session;
        this.variables = new LinkedHashMap<>(variables);
        Ops tf = Ops.create(graph).withSubScope(scopeName);
        int i = 0;
        for (Map.Entry<String, Variable<TFloat32>> e : this.variables.entrySet()) {
            Placeholder<TFloat32> in = tf.withName("value_" + i).placeholder(TFloat32.class,
                    Placeholder.shape(e.getValue().shape()));
            inputs.put(e.getKey(), in);
            assigns.put(e.getKey(), tf.withName("assign_" + i).assign(e.getValue(), in));
            i++;
        }
    }

    public List<String> names() {
        return List.copyOf(variables.keySet());
    }

    /** The current value of every variable, by name. */
    public Map<String, FloatTensor> read() {
        Map<String, FloatTensor> values = new LinkedHashMap<>();
        if (variables.isEmpty()) {
            return values;
        }
        Session.Runner runner = session.runner();
        variables.values().forEach(runner::fetch);
        List<String> names = names();
        try (Result result = runner.run()) {
            for (int i = 0; i < names.size(); i++) {
                values.put(names.get(i), toFloatTensor((TFloat32) result.get(i)));
            }
        }
        return values;
    }

    /**
     * Sets every variable to the given value. Fails naming the variable when one is missing or has another shape,
     * before anything is assigned.
     */
    public void write(Map<String, FloatTensor> values, String source) {
        for (Map.Entry<String, Variable<TFloat32>> e : variables.entrySet()) {
            FloatTensor value = values.get(e.getKey());
            if (value == null) {
                throw new IllegalArgumentException(source + " has no tensor '" + e.getKey() + "'; it holds "
                        + values.keySet() + ". Was it written by a run of another model or method?");
            }
            Shape expected = e.getValue().shape();
            if (!Shape.of(value.shape()).equals(expected)) {
                throw new IllegalArgumentException("tensor '" + e.getKey() + "' in " + source + " has shape "
                        + Shape.of(value.shape()) + " but the variable has shape " + expected);
            }
        }
        if (variables.isEmpty()) {
            return;
        }
        List<Tensor> fed = new ArrayList<>();
        try {
            Session.Runner runner = session.runner();
            for (String name : variables.keySet()) {
                FloatTensor value = values.get(name);
                TFloat32 t = TFloat32.tensorOf(Shape.of(value.shape()), DataBuffers.of(value.data(), true, false));
                fed.add(t);
                runner.feed(inputs.get(name), t).addTarget(assigns.get(name));
            }
            runner.run().close();
        } finally {
            fed.forEach(Tensor::close);
        }
    }

    /** Copies a float tensor out of TensorFlow. */
    public static FloatTensor toFloatTensor(TFloat32 tensor) {
        float[] data = new float[Math.toIntExact(tensor.shape().size())];
        tensor.copyTo(DataBuffers.of(data, false, false));
        return new FloatTensor(tensor.shape().asArray(), data);
    }
}
