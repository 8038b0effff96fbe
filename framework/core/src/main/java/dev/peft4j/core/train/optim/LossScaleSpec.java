package dev.peft4j.core.train.optim;

/**
 * Loss scaling for fp16 training: the loss is multiplied by a scale before differentiation and the gradients divided
 * by it afterwards, so small fp16 gradients do not flush to zero. With {@code dynamic} the scale halves (times
 * {@code backoffFactor}) after a step whose gradients were not finite, which is then skipped, and grows by
 * {@code growthFactor} after {@code growthInterval} finite steps in a row.
 *
 * @param minScale the scale never drops below this
 */
public record LossScaleSpec(boolean dynamic, double initialScale, long growthInterval, double growthFactor,
                            double backoffFactor, double minScale) {

    public LossScaleSpec {
        if (!(initialScale > 0) || Double.isInfinite(initialScale)) {
            throw new IllegalArgumentException("initial loss scale must be a positive finite number, got " + initialScale);
        }
        if (growthInterval < 1) {
            throw new IllegalArgumentException("loss scale growth interval must be at least 1 step, got " + growthInterval);
        }
        if (!(growthFactor >= 1) || Double.isInfinite(growthFactor)) {
            throw new IllegalArgumentException("loss scale growth factor must be a finite number >= 1, got " + growthFactor);
        }
        if (!(backoffFactor > 0 && backoffFactor < 1)) {
            throw new IllegalArgumentException("loss scale backoff factor must be in (0, 1), got " + backoffFactor);
        }
        if (!(minScale > 0) || minScale > initialScale) {
            throw new IllegalArgumentException(
                    "minimum loss scale must be positive and at most the initial scale " + initialScale + ", got " + minScale);
        }
    }

    /** No scaling: the scale stays 1 (fp32 and bf16). Steps with non-finite gradients are still skipped. */
    public static LossScaleSpec none() {
        return new LossScaleSpec(false, 1, 1, 1, 0.5, 1);
    }
}
