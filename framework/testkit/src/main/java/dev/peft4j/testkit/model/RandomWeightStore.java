package dev.peft4j.testkit.model;

import dev.peft4j.core.model.ModelLoadException;
import dev.peft4j.core.model.WeightStore;
import dev.peft4j.core.model.config.ModelConfig;
import dev.peft4j.spi.FloatTensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@link RandomWeights} of a model, made one tensor at a time when the model reads it: a model of real size (e.g.
 * BERT-base, 110M parameters) builds without the whole checkpoint ever held in Java memory.
 */
public final class RandomWeightStore implements WeightStore {

    private final Map<String, RandomWeights.Spec> specs;
    private final long seed;

    public RandomWeightStore(ModelConfig config, long seed) {
        this.specs = RandomWeights.specs(config);
        this.seed = seed;
    }

    @Override
    public Set<String> names() {
        return specs.keySet();
    }

    @Override
    public List<Long> shape(String name) {
        return Arrays.stream(spec(name).shape()).boxed().toList();
    }

    @Override
    public FloatTensor read(String name) {
        return RandomWeights.tensor(name, spec(name), seed);
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "random weights (seed " + seed + ")";
    }

    private RandomWeights.Spec spec(String name) {
        RandomWeights.Spec spec = specs.get(name);
        if (spec == null) {
            throw new ModelLoadException("random weights have no tensor '" + name + "'");
        }
        return spec;
    }
}
