package dev.peft4j.core.run;

import dev.peft4j.core.model.WeightStore;
import dev.peft4j.spi.FloatTensor;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * A checkpoint's names and shapes with random values, drawn as Hugging Face initialises a new model: normal(0,
 * {@code initializer_range}) for matrices and embeddings, 1 for normalisation weights, 0 for biases and normalisation
 * offsets. Each tensor's draw is seeded by the seed and its name, so it does not depend on the order of reads.
 */
final class RandomWeights implements WeightStore {

    private final WeightStore shapes;
    private final double std;
    private final long seed;

    /** @param shapes the checkpoint whose names and shapes are kept; it is closed with this store */
    RandomWeights(WeightStore shapes, double initializerRange, long seed) {
        this.shapes = shapes;
        this.std = initializerRange;
        this.seed = seed;
    }

    @Override
    public Set<String> names() {
        return shapes.names();
    }

    @Override
    public List<Long> shape(String name) {
        return shapes.shape(name);
    }

    @Override
    public FloatTensor read(String name) {
        long[] shape = shapes.shape(name).stream().mapToLong(Long::longValue).toArray();
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        float[] values = new float[Math.toIntExact(count)];
        String lower = name.toLowerCase(Locale.ROOT);
        boolean norm = lower.contains("norm") || lower.contains("ln_");
        boolean offset = lower.endsWith("bias") || lower.endsWith("beta");
        if (norm && !offset) {
            Arrays.fill(values, 1f);
        } else if (!offset && shape.length >= 2) {
            Random random = new Random(seed ^ name.hashCode() * 0x9E3779B97F4A7C15L);
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (random.nextGaussian() * std);
            }
        }
        return new FloatTensor(shape, values);
    }

    @Override
    public void close() {
        shapes.close();
    }

    @Override
    public String toString() {
        return "random weights shaped like " + shapes;
    }
}
