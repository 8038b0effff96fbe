package dev.peft4j.core.model;

import dev.peft4j.spi.FloatTensor;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A {@link WeightStore} over tensors held in memory: generated models, tests, benchmarks. */
public final class MapWeightStore implements WeightStore {

    private final Map<String, FloatTensor> tensors;
    private final String description;

    /** @param description names the store in error messages, e.g. "random GPT-2 weights" */
    public MapWeightStore(Map<String, FloatTensor> tensors, String description) {
        this.tensors = new LinkedHashMap<>(tensors);
        this.description = description;
    }

    @Override
    public Set<String> names() {
        return Collections.unmodifiableSet(tensors.keySet());
    }

    @Override
    public List<Long> shape(String name) {
        return Arrays.stream(get(name).shape()).boxed().toList();
    }

    @Override
    public FloatTensor read(String name) {
        return get(name);
    }

    @Override
    public void close() {
        tensors.clear();
    }

    @Override
    public String toString() {
        return description;
    }

    private FloatTensor get(String name) {
        FloatTensor t = tensors.get(name);
        if (t == null) {
            throw new ModelLoadException(description + " has no tensor '" + name + "'");
        }
        return t;
    }
}
