package dev.peft4j.bench.model;

/**
 * Adam hyper-parameters shared by every engine. Both sides use the same update as TensorFlow's ApplyAdam:
 * {@code lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t)}, {@code w -= lr_t * m / (sqrt(v) + epsilon)}.
 */
public record AdamSettings(float learningRate, float beta1, float beta2, float epsilon) {

    public AdamSettings {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate must be > 0 but was " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta1 and beta2 must lie in [0, 1) but were " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be > 0 but was " + epsilon);
        }
    }

    public static AdamSettings defaults() {
        return new AdamSettings(1e-4f, 0.9f, 0.999f, 1e-8f);
    }

    /** The bias-corrected step size of update number {@code step} (1-based). */
    public float correctedLearningRate(int step) {
        if (step < 1) {
            throw new IllegalArgumentException("Adam steps count from 1 but got " + step);
        }
        double c1 = 1 - Math.pow(beta1, step);
        double c2 = 1 - Math.pow(beta2, step);
        return (float) (learningRate * Math.sqrt(c2) / c1);
    }
}
