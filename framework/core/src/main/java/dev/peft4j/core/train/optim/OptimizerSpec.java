package dev.peft4j.core.train.optim;

/**
 * AdamW hyper-parameters (the learning rate comes from the schedule, step by step).
 *
 * @param beta1       decay of the first moment, in [0, 1)
 * @param beta2       decay of the second moment, in [0, 1)
 * @param epsilon     added to the bias-corrected root of the second moment, > 0
 * @param weightDecay decoupled weight decay per unit of learning rate, applied only to the decay group, >= 0
 * @param maxGradNorm clip the global gradient norm to this value; 0 turns clipping off
 */
public record OptimizerSpec(double beta1, double beta2, double epsilon, double weightDecay, double maxGradNorm) {

    public OptimizerSpec {
        requireIn("beta1", beta1);
        requireIn("beta2", beta2);
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("optimizer epsilon must be a positive finite number, got " + epsilon);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be a finite number >= 0, got " + weightDecay);
        }
        if (!(maxGradNorm >= 0) || Double.isInfinite(maxGradNorm)) {
            throw new IllegalArgumentException(
                    "max gradient norm must be a finite number >= 0 (0 turns clipping off), got " + maxGradNorm);
        }
    }

    public boolean clipping() {
        return maxGradNorm > 0;
    }

    private static void requireIn(String name, double beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException("optimizer " + name + " must be in [0, 1), got " + beta);
        }
    }
}
