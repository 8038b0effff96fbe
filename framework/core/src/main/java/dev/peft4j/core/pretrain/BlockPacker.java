package dev.peft4j.core.pretrain;

import dev.peft4j.core.data.DataException;

/**
 * Joins documents into one token stream, as the {@link BlockLayout} says, and cuts it into blocks as it goes, so only
 * one block is held at a time. The last, shorter block is kept (and padded in its batch): a small corpus loses
 * nothing.
 */
final class BlockPacker {

    private final BlockLayout layout;
    private final BlockStore store;
    private final int vocabSize;
    private final int[] block;
    private int filled;
    private long documents;

    /** @param vocabSize the model's vocabulary: a token id beyond it means the tokenizer does not fit the model */
    BlockPacker(BlockLayout layout, BlockStore store, int vocabSize) {
        this.layout = layout;
        this.store = store;
        this.vocabSize = vocabSize;
        this.block = new int[layout.blockSize()];
    }

    /** @param tokens a document's own tokens, without special tokens */
    void add(int[] tokens, String source) {
        if (documents++ > 0) {
            push(layout.separator());
        }
        push(layout.documentStart());
        for (int token : tokens) {
            if (token < 0 || token >= vocabSize) {
                throw new DataException(source + ": the tokenizer gives token id " + token + ", outside the model's"
                        + " vocabulary of " + vocabSize + "; the tokenizer.json does not belong to this model");
            }
            push(token);
        }
        push(layout.documentEnd());
    }

    /** Writes the last, shorter block. */
    void finish() {
        if (filled > 0) {
            emit();
        }
    }

    private void push(int[] tokens) {
        for (int token : tokens) {
            push(token);
        }
    }

    private void push(int token) {
        if (filled == 0) {
            System.arraycopy(layout.blockStart(), 0, block, 0, layout.blockStart().length);
        }
        block[layout.blockStart().length + filled++] = token;
        if (filled == layout.capacity()) {
            emit();
        }
    }

    private void emit() {
        int at = layout.blockStart().length + filled;
        System.arraycopy(layout.blockEnd(), 0, block, at, layout.blockEnd().length);
        store.add(block, at + layout.blockEnd().length);
        filled = 0;
    }
}
