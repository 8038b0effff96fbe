package dev.peft4j.bench.plan;

/**
 * How much to measure.
 *
 * @param layers           transformer blocks of the GPT-2-small-shaped model (the MiniLM task keeps its 6)
 * @param warmupSteps      steps per run before timing, the first included
 * @param measuredSteps    timed steps per run
 * @param repetitions      rounds over all engines; engine order reverses every round to spread machine noise
 * @param matmulIterations timed 4096 x 4096 products per probe
 */
public record Profile(int layers, int warmupSteps, int measuredSteps, int repetitions, int matmulIterations) {

    /** About 2 minutes on a 2-core machine: 2 blocks, 1 warm-up + 2 timed steps, 1 round, 2 matmul products. */
    public static final Profile QUICK = new Profile(2, 1, 2, 1, 2);

    /**
     * Under 10 minutes on a 2-core machine: 12 blocks, 1 warm-up + 2 timed steps, 2 rounds (4 steps pooled), 3 matmul
     * products (in the first round). One warm-up step is enough: TensorFlow optimises its graph in the first step,
     * and steps 2, 3, ... take the same time.
     */
    public static final Profile FULL = new Profile(12, 1, 2, 2, 3);

    public Profile {
        if (layers < 1 || warmupSteps < 1 || measuredSteps < 1 || repetitions < 1 || matmulIterations < 1) {
            throw new IllegalArgumentException("every profile count must be >= 1 but got " + this);
        }
    }
}
