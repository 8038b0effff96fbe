package dev.peft4j.core.train.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;

/**
 * Writes files so that a reader, or a run killed half-way, only ever sees the old content or the complete new content:
 * everything is written to a temporary sibling, forced to disk, then renamed over the target.
 */
public final class AtomicFiles {

    /** Writes the content of one file through a temporary path. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path temporary) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void writeString(Path target, String content) {
        write(target, tmp -> Files.writeString(tmp, content, StandardCharsets.UTF_8));
    }

    public static void write(Path target, Writer writer) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            // Not createTempFile: its owner-only permissions would stick to the published file.
            tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
            writer.writeTo(tmp);
            force(tmp);
            move(tmp, target);
            forceDirectory(dir);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("could not write " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /**
     * Publishes a fully written directory under its final name. The target must not exist: directories are versioned
     * and a pointer file (written with {@link #writeString}) names the current one.
     */
    public static void publishDirectory(Path written, Path target) {
        try {
            try (var files = Files.list(written)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    force(f);
                }
            }
            move(written, target);
            forceDirectory(target.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("could not publish " + written + " as " + target + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a file or a directory tree, ignoring what is already gone. */
    public static void deleteRecursively(Path path) {
        if (path == null || !Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + path + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + to + " cannot rename atomically; write runs to a local disk", e);
        }
    }

    private static void force(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        }
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems cannot sync a directory; the rename itself is still atomic.
        }
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp != null) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the temporary name is unique and hidden; leaving it behind is harmless
            }
        }
    }
}
