package dev.peft4j.core.pretrain;

import dev.peft4j.core.data.store.RecordFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Blocks of token ids in a temporary file, each stored at its fixed slot: memory holds only each block's length, so
 * a corpus larger than memory costs 4 bytes per block. Closing deletes the file.
 */
final class BlockStore implements AutoCloseable {

    private final RecordFile file;
    private final int blockSize;
    private int[] lengths = new int[256];
    private int size;
    private long tokens;

    private BlockStore(RecordFile file, int blockSize) {
        this.file = file;
        this.blockSize = blockSize;
    }

    static BlockStore create(Path workDir, int blockSize, String name) {
        return new BlockStore(RecordFile.createTemp(workDir, "peft4j-" + name + "-blocks-"), blockSize);
    }

    /** Appends the first {@code length} tokens of {@code block} (at most the block size) as the next block. */
    void add(int[] block, int length) {
        if (length < 1 || length > blockSize) {
            throw new IllegalArgumentException("a block holds 1 to " + blockSize + " tokens, not " + length);
        }
        ByteBuffer bytes = ByteBuffer.allocate(blockSize * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asIntBuffer().put(block, 0, length);
        file.append(bytes.array());
        if (size == lengths.length) {
            lengths = Arrays.copyOf(lengths, size * 2);
        }
        lengths[size++] = length;
        tokens += length;
    }

    int size() {
        return size;
    }

    /** Tokens of all blocks, padding excluded. */
    long tokens() {
        return tokens;
    }

    int length(int block) {
        checkIndex(block);
        return lengths[block];
    }

    /** The tokens of one block, without padding. */
    int[] read(int block) {
        checkIndex(block);
        int length = lengths[block];
        byte[] bytes = file.read((long) block * blockSize * Integer.BYTES, length * Integer.BYTES);
        int[] ids = new int[length];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(ids);
        return ids;
    }

    private void checkIndex(int block) {
        if (block < 0 || block >= size) {
            throw new IndexOutOfBoundsException("block " + block + " of " + size);
        }
    }

    @Override
    public void close() {
        file.close();
    }
}
