package dev.peft4j.plugins.adapter;

import dev.peft4j.plugins.adapter.settings.AdapterInit;
import dev.peft4j.spi.FloatTensor;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/** Initial values of an adapter's projections. */
public final class AdapterWeights {

    private AdapterWeights() {
    }

    /**
     * The down-projection [bottleneck, hidden]: Kaiming-uniform as PyTorch's nn.Linear (bound 1 / sqrt(hidden)) for
     * {@code identity}, N(0, std²) for {@code normal}.
     */
    public static FloatTensor down(AdapterInit init, int bottleneck, int hidden, double std, RandomGenerator random) {
        float[] values = new float[Math.multiplyExact(bottleneck, hidden)];
        switch (init) {
            case IDENTITY -> {
                double bound = 1 / Math.sqrt(hidden);
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) random.nextDouble(-bound, bound);
                }
            }
            case NORMAL -> normal(values, std, random);
        }
        return new FloatTensor(new long[] {bottleneck, hidden}, values);
    }

    /** The up-projection [hidden, bottleneck]: zero for {@code identity}, N(0, std²) for {@code normal}. */
    public static FloatTensor up(AdapterInit init, int hidden, int bottleneck, double std, RandomGenerator random) {
        float[] values = new float[Math.multiplyExact(hidden, bottleneck)];
        if (init == AdapterInit.NORMAL) {
            normal(values, std, random);
        }
        return new FloatTensor(new long[] {hidden, bottleneck}, values);
    }

    public static FloatTensor ones(int size) {
        float[] values = new float[size];
        Arrays.fill(values, 1f);
        return new FloatTensor(new long[] {size}, values);
    }

    private static void normal(float[] values, double std, RandomGenerator random) {
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
    }
}
