package dev.peft4j.core.pretrain;

import dev.peft4j.core.tokenizer.HfTokenizer;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How documents become blocks of {@code blockSize} tokens, as transformers' {@code run_mlm} and {@code run_clm} group
 * texts: the documents' tokens are joined into one stream and cut into blocks.
 * <ul>
 *   <li>masked LM (BERT): every block is wrapped as a single text is, {@code [CLS] ... [SEP]}, and documents are
 *       separated by {@code [SEP]};</li>
 *   <li>causal LM (GPT-2, LLaMA): every document is wrapped as the tokenizer wraps a text (LLaMA's {@code <s>}) and
 *       ends with the end-of-text token ({@code <|endoftext|>}, {@code </s>}), so the model learns where texts end;
 *       blocks are cut from the stream as they come.</li>
 * </ul>
 * What a tokenizer puts around a text is found by encoding a probe text with and without special tokens.
 */
public final class BlockLayout {

    private static final String PROBE = "hello world";

    private final int blockSize;
    private final int[] blockStart;
    private final int[] blockEnd;
    private final int[] documentStart;
    private final int[] documentEnd;
    private final int[] separator;
    private final int padId;

    /**
     * @param blockStart    tokens every block starts with
     * @param blockEnd      tokens every block ends with
     * @param documentStart tokens before each document
     * @param documentEnd   tokens after each document
     * @param separator     tokens between two documents
     */
    public BlockLayout(int blockSize, int[] blockStart, int[] blockEnd, int[] documentStart, int[] documentEnd,
                       int[] separator, int padId) {
        if (blockSize - blockStart.length - blockEnd.length < 1) {
            throw new IllegalArgumentException("blocks of " + blockSize + " tokens leave no room for text between "
                    + Arrays.toString(blockStart) + " and " + Arrays.toString(blockEnd));
        }
        this.blockSize = blockSize;
        this.blockStart = blockStart.clone();
        this.blockEnd = blockEnd.clone();
        this.documentStart = documentStart.clone();
        this.documentEnd = documentEnd.clone();
        this.separator = separator.clone();
        this.padId = padId;
    }

    /** The layout of {@code objective} for the model's tokenizer. */
    public static BlockLayout of(Objective objective, HfTokenizer tokenizer, int blockSize) {
        int[] wrapped = ints(tokenizer.encode(PROBE, null, 64).ids());
        int[] plain = ints(tokenizer.encodePlain(PROBE));
        int at = indexOf(wrapped, plain);
        if (at < 0) {
            throw new IllegalStateException("the tokenizer encodes '" + PROBE + "' as " + Arrays.toString(plain)
                    + " alone but as " + Arrays.toString(wrapped) + " with its special tokens; cannot tell what it"
                    + " puts around a text");
        }
        int[] prefix = Arrays.copyOfRange(wrapped, 0, at);
        int[] suffix = Arrays.copyOfRange(wrapped, at + plain.length, wrapped.length);
        int pad = Math.toIntExact(tokenizer.padId());
        int[] none = new int[0];
        if (objective == Objective.MASKED_LM) {
            int[] separator = suffix.length == 0 ? none : new int[] {suffix[suffix.length - 1]};
            return new BlockLayout(blockSize, prefix, suffix, none, none, separator, pad);
        }
        int[] end = suffix;
        if (tokenizer.eosId().isPresent()) {
            int eos = Math.toIntExact(tokenizer.eosId().getAsLong());
            if (suffix.length == 0 || suffix[suffix.length - 1] != eos) {
                end = Arrays.copyOf(suffix, suffix.length + 1);
                end[suffix.length] = eos;
            }
        }
        return new BlockLayout(blockSize, none, none, prefix, end, none, pad);
    }

    public int blockSize() {
        return blockSize;
    }

    /** Text tokens per block: the block size less what starts and ends every block. */
    public int capacity() {
        return blockSize - blockStart.length - blockEnd.length;
    }

    int[] blockStart() {
        return blockStart;
    }

    int[] blockEnd() {
        return blockEnd;
    }

    int[] documentStart() {
        return documentStart;
    }

    int[] documentEnd() {
        return documentEnd;
    }

    int[] separator() {
        return separator;
    }

    public int padId() {
        return padId;
    }

    /** The token ids of the layout, for the corpus report. */
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("blockSize", blockSize);
        d.put("blockStart", blockStart.clone());
        d.put("blockEnd", blockEnd.clone());
        d.put("documentStart", documentStart.clone());
        d.put("documentEnd", documentEnd.clone());
        d.put("betweenDocuments", separator.clone());
        d.put("pad", padId);
        return Collections.unmodifiableMap(d);
    }

    private static int indexOf(int[] haystack, int[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    static int[] ints(long[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }
}
