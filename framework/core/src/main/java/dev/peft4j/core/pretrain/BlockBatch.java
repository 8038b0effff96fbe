package dev.peft4j.core.pretrain;

import dev.peft4j.core.train.Batch;
import java.util.ArrayList;
import java.util.List;

/**
 * Blocks of a batch, right-padded to the longest (only a split's last block is shorter): token ids and attention mask
 * [size · length], and which block each row is (held-out blocks are masked by their index, the same way each time).
 */
public final class BlockBatch implements Batch {

    private final int[] blocks;
    private final int length;
    private final int[] ids;
    private final int[] attentionMask;
    private final long tokens;

    BlockBatch(int[] blocks, int length, int[] ids, int[] attentionMask, long tokens) {
        this.blocks = blocks.clone();
        this.length = length;
        this.ids = ids;
        this.attentionMask = attentionMask;
        this.tokens = tokens;
    }

    @Override
    public int size() {
        return blocks.length;
    }

    /** Columns of the batch: the longest block's length. */
    public int length() {
        return length;
    }

    /** The block index of a row in its split. */
    public int block(int row) {
        return blocks[row];
    }

    /** Token ids [size · length], row-major; padding is the tokenizer's pad id. Not a copy. */
    public int[] ids() {
        return ids;
    }

    /** 1 for real tokens, 0 for padding, [size · length]. Not a copy. */
    public int[] attentionMask() {
        return attentionMask;
    }

    @Override
    public long tokenCount() {
        return tokens;
    }

    /** Blocks have no text of their own: each row is named by its block. */
    @Override
    public List<String> texts() {
        List<String> names = new ArrayList<>(blocks.length);
        for (int block : blocks) {
            names.add("block " + block);
        }
        return names;
    }

    @Override
    public int[] goldClasses() {
        return null;
    }

    @Override
    public double[] goldValues() {
        return null;
    }
}
