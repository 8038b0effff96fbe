package dev.peft4j.core.eval.compare;

/**
 * @param confidence       of the bootstrap interval, e.g. 0.95
 * @param bootstrapSamples resamples of the rows
 * @param seed             of the resampling
 * @param alpha            significance level of the test
 */
public record ComparisonOptions(double confidence, int bootstrapSamples, long seed, double alpha) {

    public ComparisonOptions {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("compare confidence must be in (0, 1), e.g. 0.95; got " + confidence);
        }
        if (bootstrapSamples < 100) {
            throw new IllegalArgumentException("compare needs at least 100 bootstrap samples, got " + bootstrapSamples);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("compare alpha must be in (0, 1), e.g. 0.05; got " + alpha);
        }
    }
}
