package dev.peft4j.core.safetensors;

import java.nio.file.Files;
import java.nio.file.Path;

/** The read-only shared folder of fixtures: {@code -Dpeft4j.shared.dir}, else {@code ../shared} from the root. */
public final class SharedDir {

    private SharedDir() {
    }

    public static Path resolve(String relative) {
        String configured = System.getProperty("peft4j.shared.dir");
        Path base = configured != null ? Path.of(configured) : fallback();
        Path path = base.resolve(relative);
        if (!Files.exists(path)) {
            throw new IllegalStateException("shared fixture " + path + " is missing; set -Dpeft4j.shared.dir");
        }
        return path;
    }

    private static Path fallback() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("framework"))) {
            dir = dir.getParent();
        }
        return (dir == null ? Path.of("..") : dir).resolve("../shared").normalize();
    }
}
