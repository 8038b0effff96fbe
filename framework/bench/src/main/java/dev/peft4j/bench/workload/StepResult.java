package dev.peft4j.bench.workload;

/**
 * What one step reports: the mean next-token cross-entropy of the batch (before the step's update) and, for inference,
 * a checksum of the predicted (arg-max) tokens so that engines can be compared on predictions too.
 */
public record StepResult(float loss, long predictionChecksum) {

    public static StepResult training(float loss) {
        return new StepResult(loss, 0L);
    }

    /** Order-sensitive checksum of predicted token ids. */
    public static long checksum(int[] tokens) {
        long h = 1125899906842597L;
        for (int t : tokens) {
            h = 31 * h + t;
        }
        return h;
    }
}
