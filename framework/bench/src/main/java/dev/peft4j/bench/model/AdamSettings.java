package dev.peft4j.bench.model;

/**
 * Adam hyper-parameters shared by every engine, no weight decay and no clipping. Every engine computes PyTorch's
 * (and peft4j's) update: {@code w -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + epsilon)}. A kernel of
 * TensorFlow's form ({@code w -= lr_t * m / (sqrt(v) + eps_t)}, e.g. ApplyAdam or DJL's adamUpdate) computes exactly
 * that when given {@link #correctedLearningRate} and {@link #correctedEpsilon}.
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

    /** {@code lr * sqrt(1 - beta2^t) / (1 - beta1^t)} of update number {@code step} (1-based). */
    public float correctedLearningRate(int step) {
        checkStep(step);
        double c1 = 1 - Math.pow(beta1, step);
        double c2 = 1 - Math.pow(beta2, step);
        return (float) (learningRate * Math.sqrt(c2) / c1);
    }

    /** {@code epsilon * sqrt(1 - beta2^t)}: PyTorch's epsilon moved outside the bias correction. */
    public float correctedEpsilon(int step) {
        checkStep(step);
        return (float) (epsilon * Math.sqrt(1 - Math.pow(beta2, step)));
    }

    private static void checkStep(int step) {
        if (step < 1) {
            throw new IllegalArgumentException("Adam steps count from 1 but got " + step);
        }
    }
}
