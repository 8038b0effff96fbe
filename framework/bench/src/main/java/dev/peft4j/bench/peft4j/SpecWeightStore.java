package dev.peft4j.bench.peft4j;

import dev.peft4j.bench.model.TensorSpec;
import dev.peft4j.bench.model.WeightSource;
import dev.peft4j.core.model.ModelLoadException;
import dev.peft4j.core.model.WeightStore;
import dev.peft4j.spi.FloatTensor;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's weights as a checkpoint for peft4j's {@code ModelBuilder}: names and shapes from the layout, values
 * drawn from the {@link WeightSource} one tensor at a time when the builder reads them (as a safetensors file would
 * be read), so the whole model never sits in Java memory at once.
 */
final class SpecWeightStore implements WeightStore {

    private final Map<String, TensorSpec> specs = new LinkedHashMap<>();
    private final WeightSource source;

    SpecWeightStore(List<TensorSpec> specs, WeightSource source) {
        specs.forEach(s -> this.specs.put(s.name(), s));
        this.source = source;
    }

    @Override
    public Set<String> names() {
        return Collections.unmodifiableSet(specs.keySet());
    }

    @Override
    public List<Long> shape(String name) {
        return Arrays.stream(spec(name).shape()).boxed().toList();
    }

    @Override
    public FloatTensor read(String name) {
        return source.tensor(spec(name));
    }

    @Override
    public void close() {
        specs.clear();
    }

    @Override
    public String toString() {
        return "the benchmark's seeded weights";
    }

    private TensorSpec spec(String name) {
        TensorSpec spec = specs.get(name);
        if (spec == null) {
            throw new ModelLoadException("the benchmark layout has no tensor '" + name + "'");
        }
        return spec;
    }
}
