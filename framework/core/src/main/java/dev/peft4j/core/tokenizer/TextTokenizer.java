package dev.peft4j.core.tokenizer;

import java.util.OptionalInt;

/** Turns text (or a text pair) into token ids, as the checkpoint's tokenizer does. */
public interface TextTokenizer extends AutoCloseable {

    /**
     * Encodes with the model's special tokens, truncated to {@code maxLength} tokens, unpadded.
     *
     * @param pair the second text of a sentence pair, or null
     */
    Encoding encode(String text, String pair, int maxLength);

    /** The id used to pad batches. */
    long padId();

    int vocabSize();

    /** Where batches put their pad tokens; right unless the tokenizer says otherwise. */
    default PaddingSide paddingSide() {
        return PaddingSide.RIGHT;
    }

    /** The longest input the model was trained on, when the tokenizer declares one. */
    default OptionalInt modelMaxLength() {
        return OptionalInt.empty();
    }

    @Override
    void close();

    /** Token ids with their token type ids (segment ids; all zero for single texts and decoders). */
    record Encoding(long[] ids, long[] typeIds) {
        public int length() {
            return ids.length;
        }
    }
}
