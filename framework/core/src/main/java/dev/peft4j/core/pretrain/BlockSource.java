package dev.peft4j.core.pretrain;

import dev.peft4j.core.train.BatchSource;
import java.util.Arrays;

/** A split's blocks as the trainer's (shuffled) and the held-out evaluation's (in order) batch source. */
public final class BlockSource implements BatchSource<BlockBatch> {

    private final BlockStore store;
    private final int padId;

    BlockSource(BlockStore store, int padId) {
        this.store = store;
        this.padId = padId;
    }

    @Override
    public int size() {
        return store.size();
    }

    /** Tokens of the split, padding excluded. */
    public long tokens() {
        return store.tokens();
    }

    @Override
    public BlockBatch batch(int[] rows) {
        int length = 0;
        for (int row : rows) {
            length = Math.max(length, store.length(row));
        }
        int[] ids = new int[rows.length * length];
        int[] mask = new int[rows.length * length];
        Arrays.fill(ids, padId);
        long tokens = 0;
        for (int r = 0; r < rows.length; r++) {
            int[] block = store.read(rows[r]);
            System.arraycopy(block, 0, ids, r * length, block.length);
            Arrays.fill(mask, r * length, r * length + block.length, 1);
            tokens += block.length;
        }
        return new BlockBatch(rows, length, ids, mask, tokens);
    }
}
