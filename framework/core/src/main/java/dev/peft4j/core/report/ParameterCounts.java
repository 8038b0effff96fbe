package dev.peft4j.core.report;

/**
 * @param total     every weight of the model, frozen and trainable
 * @param trainable the weights the run trained
 */
public record ParameterCounts(long total, long trainable) {

    public ParameterCounts {
        if (total < 0 || trainable < 0 || trainable > total) {
            throw new IllegalArgumentException("parameter counts must satisfy 0 <= trainable <= total, got trainable "
                    + trainable + " of " + total);
        }
    }

    public double trainableFraction() {
        return total == 0 ? 0 : (double) trainable / total;
    }
}
