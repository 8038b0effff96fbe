package dev.peft4j.core.data;

import dev.peft4j.core.tokenizer.TextTokenizer;
import java.util.Arrays;

/**
 * A small honest tokenizer for tests: splits on white space, maps each word to an id by hash, and adds BERT-style
 * special tokens ({@code [CLS] a [SEP]} or {@code [CLS] a [SEP] b [SEP]} with type ids 0 then 1). Truncation removes
 * words from the longer text first.
 */
public final class WhitespaceTokenizer implements TextTokenizer {

    public static final long PAD = 0;
    public static final long CLS = 1;
    public static final long SEP = 2;
    private static final int RESERVED = 3;

    private final int vocabSize;

    public WhitespaceTokenizer(int vocabSize) {
        this.vocabSize = vocabSize;
    }

    @Override
    public Encoding encode(String text, String pair, int maxLength) {
        long[] first = words(text);
        long[] second = pair == null ? new long[0] : words(pair);
        int specials = pair == null ? 2 : 3;
        while (first.length + second.length + specials > maxLength) {
            if (first.length >= second.length) {
                first = Arrays.copyOf(first, first.length - 1);
            } else {
                second = Arrays.copyOf(second, second.length - 1);
            }
        }
        int n = first.length + second.length + specials;
        long[] ids = new long[n];
        long[] types = new long[n];
        int at = 0;
        ids[at++] = CLS;
        for (long id : first) {
            ids[at++] = id;
        }
        ids[at++] = SEP;
        if (pair != null) {
            for (long id : second) {
                types[at] = 1;
                ids[at++] = id;
            }
            types[at] = 1;
            ids[at++] = SEP;
        }
        return new Encoding(ids, types);
    }

    private long[] words(String text) {
        long[] ids = new long[text.length()];
        int count = 0;
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean space = i == text.length() || Character.isWhitespace(text.charAt(i));
            if (!space && start < 0) {
                start = i;
            } else if (space && start >= 0) {
                ids[count++] = RESERVED + Math.floorMod(text.substring(start, i).hashCode(), vocabSize - RESERVED);
                start = -1;
            }
        }
        return Arrays.copyOf(ids, count);
    }

    @Override
    public long padId() {
        return PAD;
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public void close() {
    }
}
