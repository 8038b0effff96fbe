package dev.peft4j.bench.model;

import dev.peft4j.spi.FloatTensor;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Deterministic weights: each tensor's values depend only on the seed and the tensor's name, never on the order in which
 * tensors are requested, so separate processes and engines see bit-identical models. Time spent drawing is recorded so
 * that the harness can leave it out of an engine's setup time.
 */
public final class SeededWeights implements WeightSource {

    private static final float GPT2_STD = 0.02f;
    private static final float SQRT3 = (float) Math.sqrt(3);

    private final long seed;
    private long generationNanos;

    public SeededWeights(long seed) {
        this.seed = seed;
    }

    @Override
    public FloatTensor tensor(TensorSpec spec) {
        long start = System.nanoTime();
        float[] data = new float[spec.size()];
        SplittableRandom random = new SplittableRandom(seedFor(spec.name()));
        switch (spec.init()) {
            case WEIGHT -> fillUniform(random, data, 0f, GPT2_STD * SQRT3);
            case GAIN -> fillUniform(random, data, 1f, GPT2_STD * SQRT3);
            case LORA_A -> fillUniform(random, data, 0f, (float) (1 / Math.sqrt(spec.shape()[spec.shape().length - 1])));
            case ZERO -> { }
        }
        generationNanos += System.nanoTime() - start;
        return new FloatTensor(spec.shape(), data);
    }

    /** Total time spent drawing values so far. */
    public long generationNanos() {
        return generationNanos;
    }

    private long seedFor(String name) {
        long h = seed;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ b) * 0x100000001B3L;
        }
        return new SplittableRandom(h).nextLong();
    }

    /** Uniform in [center - halfWidth, center + halfWidth). */
    private static void fillUniform(SplittableRandom random, float[] data, float center, float halfWidth) {
        float scale = 2 * halfWidth;
        for (int i = 0; i < data.length; i++) {
            data[i] = center + (random.nextFloat() - 0.5f) * scale;
        }
    }
}
