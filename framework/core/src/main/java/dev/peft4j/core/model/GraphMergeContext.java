package dev.peft4j.core.model;

import dev.peft4j.core.model.weights.WeightRegistry;
import dev.peft4j.spi.FloatTensor;
import dev.peft4j.spi.method.MergeContext;
import java.util.Map;

/** {@link MergeContext} over a built model's session, for one adapter. */
final class GraphMergeContext implements MergeContext {

    private final WeightRegistry weights;
    private final String adapter;

    GraphMergeContext(WeightRegistry weights, String adapter) {
        this.weights = weights;
        this.adapter = adapter;
    }

    @Override
    public FloatTensor variable(String name) {
        Map<String, String> saved = weights.savedBy(adapter);
        String variable = saved.get(name);
        if (variable == null) {
            throw new IllegalArgumentException("adapter '" + adapter + "' has no variable '" + name + "'; it has "
                    + saved.keySet());
        }
        return weights.value(variable);
    }

    @Override
    public FloatTensor baseWeight(String name) {
        requireBase(name);
        return weights.value(name);
    }

    @Override
    public void replaceBaseWeight(String name, FloatTensor value) {
        requireBase(name);
        float[] data = value.data();
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new IllegalArgumentException("merging adapter '" + adapter + "' would put " + data[i]
                        + " into base weight '" + name + "' (element " + i + "); the adapter is not merged into it");
            }
        }
        weights.assign(name, value);
    }

    private void requireBase(String name) {
        if (!weights.baseWeightNames().contains(name)) {
            throw new IllegalArgumentException("the model has no base weight '" + name + "'");
        }
    }
}
