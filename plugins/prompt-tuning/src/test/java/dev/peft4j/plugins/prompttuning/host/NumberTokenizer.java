package dev.peft4j.plugins.prompttuning.host;

import dev.peft4j.core.tokenizer.TextTokenizer;
import java.util.Arrays;

/** A test tokenizer whose text is its ids: "12 4 20" encodes to [12, 4, 20]; nothing is added. */
final class NumberTokenizer implements TextTokenizer {

    @Override
    public Encoding encode(String text, String pair, int maxLength) {
        long[] ids = Arrays.stream(text.trim().split("\\s+")).mapToLong(Long::parseLong).limit(maxLength).toArray();
        return new Encoding(ids, new long[ids.length]);
    }

    @Override
    public long padId() {
        return 0;
    }

    @Override
    public int vocabSize() {
        return 64;
    }

    @Override
    public void close() {
    }
}
