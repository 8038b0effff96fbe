package dev.peft4j.core.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The temporary folder a command keeps its data and token files in while it works. */
final class TemporaryFolder {

    private TemporaryFolder() {
    }

    static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the data: " + e.getMessage()
                    + "; check java.io.tmpdir (" + System.getProperty("java.io.tmpdir") + ")", e);
        }
    }

    /** Deletes the folder and what is in it, as far as it can: these are temporary files only. */
    static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // the system cleans its temporary folder
        }
    }
}
