package dev.peft4j.core.data.batch;

import com.typesafe.config.Config;

/**
 * Tokenization and batching.
 *
 * @param maxLength    encodings are truncated to this many tokens (special tokens included)
 * @param bucketWindow 0 or 1: batches of shuffled rows; K &gt; 1: rows are shuffled, sorted by length within windows
 *                     of K batches, cut into batches, and the batches shuffled, so each batch holds rows of similar
 *                     length and needs less padding
 */
public record BatchSettings(int maxLength, int bucketWindow) {

    public BatchSettings {
        if (maxLength < 2) {
            throw new IllegalArgumentException("data.max-length must be at least 2 tokens, got " + maxLength);
        }
        if (bucketWindow < 0) {
            throw new IllegalArgumentException("data.batching.bucket-window must not be negative, got "
                    + bucketWindow);
        }
    }

    public boolean bucketing() {
        return bucketWindow > 1;
    }

    /** Reads {@code max-length} and {@code batching.bucket-window} from the {@code data} block. */
    public static BatchSettings from(Config data) {
        return new BatchSettings(data.getInt("max-length"), data.getInt("batching.bucket-window"));
    }
}
