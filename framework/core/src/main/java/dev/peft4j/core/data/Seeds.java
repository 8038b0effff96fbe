package dev.peft4j.core.data;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * One seeded random generator per pipeline stage, derived from {@code data.seed} and the stage's name: changing how
 * much one stage draws (e.g. turning augmentation on) does not change another stage's draws (e.g. the split).
 */
public final class Seeds {

    /** A fixed algorithm, so a seed gives the same numbers on every JVM. */
    private static final String ALGORITHM = "L64X128MixRandom";

    private Seeds() {
    }

    public static RandomGenerator generator(long seed, String stage) {
        return RandomGeneratorFactory.of(ALGORITHM).create(mix(seed ^ mix(stage.hashCode())));
    }

    /** SplitMix64's finalizer: spreads nearby seeds far apart. */
    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
