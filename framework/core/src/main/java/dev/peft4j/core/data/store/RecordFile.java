package dev.peft4j.core.data.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An append-only temporary file of byte records read back at random by offset. Row texts live here instead of on
 * the heap, so a dataset larger than memory costs only its small per-row index. The file is deleted on close.
 */
public final class RecordFile implements AutoCloseable {

    private static final int BUFFER_BYTES = 1 << 16;

    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer pending = ByteBuffer.allocate(BUFFER_BYTES);
    private long flushedBytes;

    private RecordFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** Creates an empty record file in {@code dir} (created if missing). */
    public static RecordFile createTemp(Path dir, String prefix) {
        try {
            Files.createDirectories(dir);
            Path path = Files.createTempFile(dir, prefix, ".records");
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.DELETE_ON_CLOSE);
            return new RecordFile(path, channel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary data file in " + dir
                    + ": check that the folder is writable and has free space", e);
        }
    }

    /** Appends one record and returns its offset, to be passed to {@link #read} with the record's length. */
    public synchronized long append(byte[] record) {
        long offset = flushedBytes + pending.position();
        try {
            if (record.length > pending.remaining()) {
                flush();
            }
            if (record.length > pending.capacity()) {
                writeFully(ByteBuffer.wrap(record), flushedBytes);
                flushedBytes += record.length;
            } else {
                pending.put(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write temporary data file " + path, e);
        }
        return offset;
    }

    /** Reads the record of {@code length} bytes that {@link #append} placed at {@code offset}. */
    public synchronized byte[] read(long offset, int length) {
        try {
            if (offset + length > flushedBytes) {
                flush();
            }
            ByteBuffer target = ByteBuffer.allocate(length);
            long position = offset;
            while (target.hasRemaining()) {
                int read = channel.read(target, position);
                if (read < 0) {
                    throw new IOException("record at " + offset + " runs past the end of the file");
                }
                position += read;
            }
            return target.array();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read temporary data file " + path, e);
        }
    }

    /** Bytes appended so far. */
    public synchronized long size() {
        return flushedBytes + pending.position();
    }

    public Path path() {
        return path;
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close temporary data file " + path, e);
        }
    }

    private void flush() throws IOException {
        pending.flip();
        int bytes = pending.remaining();
        writeFully(pending, flushedBytes);
        flushedBytes += bytes;
        pending.clear();
    }

    private void writeFully(ByteBuffer source, long position) throws IOException {
        long at = position;
        while (source.hasRemaining()) {
            at += channel.write(source, at);
        }
    }
}
