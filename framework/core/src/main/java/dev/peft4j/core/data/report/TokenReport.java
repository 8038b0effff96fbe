package dev.peft4j.core.data.report;

/**
 * Tokenization of one split.
 *
 * @param atMaxLength  rows whose encoding is exactly {@code max-length} tokens long: truncated, or just fitting
 * @param paddingRatio pad tokens / all tokens over one epoch of batches as configured (bucketing included)
 */
public record TokenReport(String split, int maxLength, LengthHistogram tokens, long atMaxLength, int batchSize,
                          double paddingRatio) {
}
