package dev.peft4j.core.data.report;

/**
 * Tokenization of one split.
 *
 * @param atMaxLength  rows whose encoding is exactly {@code max-length} tokens long: truncated, or just fitting
 * @param paddingRatio pad tokens / all tokens in the split's batches as configured (bucketing included): the first
 *                     training epoch for train, the evaluation batches for validation and test
 */
public record TokenReport(String split, int maxLength, LengthHistogram tokens, long atMaxLength, int batchSize,
                          double paddingRatio) {
}
