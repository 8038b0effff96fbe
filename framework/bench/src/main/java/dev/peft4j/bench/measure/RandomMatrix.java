package dev.peft4j.bench.measure;

import java.util.SplittableRandom;

/** Input values for the large-matmul probe (any finite values do; fixed so runs are repeatable). */
public final class RandomMatrix {

    private RandomMatrix() {
    }

    public static float[] values(int n) {
        SplittableRandom random = new SplittableRandom(7);
        float[] values = new float[Math.multiplyExact(n, n)];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat() - 0.5f;
        }
        return values;
    }
}
