package dev.peft4j.core.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** The read-only shared folder with the real datasets, from {@code peft4j.shared.dir} (set by surefire). */
public final class SharedData {

    private SharedData() {
    }

    public static Path dataset(String relative) {
        String configured = System.getProperty("peft4j.shared.dir");
        Path shared = configured != null ? Path.of(configured) : Path.of("../../../shared");
        Path file = shared.resolve("data").resolve(relative).normalize();
        if (!Files.exists(file)) {
            throw new IllegalStateException("shared dataset " + file + " is missing: set -Dpeft4j.shared.dir");
        }
        return file;
    }
}
