package dev.peft4j.core.adapter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes a folder as a unit: its files go into a temporary sibling folder that is renamed to the target at the end,
 * so a reader never sees a half-written adapter or checkpoint. An existing target is first renamed aside and deleted
 * after the new folder is in place; it may only hold files the writer itself would write, so that nothing else of
 * the user's is ever deleted.
 */
final class AtomicDirectory {

    /** Fills the temporary folder. */
    @FunctionalInterface
    interface Body {
        void write(Path folder) throws IOException;
    }

    private AtomicDirectory() {
    }

    /**
     * @param replaceable names of the files an existing target may hold (those this writer writes)
     * @param what        names the folder in error messages, e.g. "adapter"
     */
    static void write(Path target, Set<String> replaceable, String what, Body body) {
        Path absolute = target.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        String name = absolute.getFileName().toString();
        checkReplaceable(absolute, replaceable, what);
        Path temp = null;
        try {
            Files.createDirectories(parent);
            temp = Files.createTempDirectory(parent, "." + name + ".tmp-");
            body.write(temp);
            if (Files.exists(absolute)) {
                Path old = Files.createTempDirectory(parent, "." + name + ".old-");
                Files.delete(old);
                Files.move(absolute, old, StandardCopyOption.ATOMIC_MOVE);
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
                deleteRecursively(old);
            } else {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            deleteQuietly(temp, e);
            throw new UncheckedIOException("cannot write the " + what + " folder " + absolute + ": " + e.getMessage()
                    + "; check that its parent folder is writable", e);
        } catch (RuntimeException e) {
            deleteQuietly(temp, e);
            throw e;
        }
    }

    private static void checkReplaceable(Path target, Set<String> replaceable, String what) {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new AdapterException("cannot write the " + what + " to " + target + ": it is a file, not a folder; "
                    + "choose another path");
        }
        try (Stream<Path> entries = Files.list(target)) {
            List<String> foreign = entries.map(p -> p.getFileName().toString())
                    .filter(n -> !replaceable.contains(n)).sorted().toList();
            if (!foreign.isEmpty()) {
                throw new AdapterException("cannot write the " + what + " to " + target + ": the folder exists and "
                        + "holds " + foreign + ", which writing it would delete; save into an empty or new folder");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + target + ": " + e.getMessage(), e);
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void deleteQuietly(Path folder, Exception failure) {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try {
            deleteRecursively(folder);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
