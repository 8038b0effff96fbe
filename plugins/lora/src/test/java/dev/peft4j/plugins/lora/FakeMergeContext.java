package dev.peft4j.plugins.lora;

import dev.peft4j.spi.FloatTensor;
import dev.peft4j.spi.method.MergeContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** Variables from a function (e.g. a session), base weights from a map, replacements recorded; refuses NaN/Inf as the host does. */
public final class FakeMergeContext implements MergeContext {

    private final Function<String, FloatTensor> variables;
    private final Map<String, FloatTensor> baseWeights;
    private final Map<String, FloatTensor> replaced = new LinkedHashMap<>();

    public FakeMergeContext(Function<String, FloatTensor> variables, Map<String, FloatTensor> baseWeights) {
        this.variables = variables;
        this.baseWeights = baseWeights;
    }

    public Map<String, FloatTensor> replaced() {
        return replaced;
    }

    @Override
    public FloatTensor variable(String name) {
        FloatTensor value = variables.apply(name);
        if (value == null) {
            throw new IllegalArgumentException("no variable " + name);
        }
        return value;
    }

    @Override
    public FloatTensor baseWeight(String name) {
        FloatTensor value = replaced.containsKey(name) ? replaced.get(name) : baseWeights.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no base weight " + name);
        }
        return value;
    }

    @Override
    public void replaceBaseWeight(String name, FloatTensor value) {
        for (float v : value.data()) {
            if (!Float.isFinite(v)) {
                throw new IllegalStateException("refusing non-finite values for " + name);
            }
        }
        replaced.put(name, value);
    }
}
