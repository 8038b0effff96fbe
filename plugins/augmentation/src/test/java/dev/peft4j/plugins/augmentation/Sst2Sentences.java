package dev.peft4j.plugins.augmentation;

import dev.peft4j.spi.data.Example;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Real sentences to augment: the SST-2 sentence-level dev split from the shared data folder. */
public final class Sst2Sentences {

    private static final String FILE = "data/sst2-sentences/stsa.binary.dev";

    private Sst2Sentences() {
    }

    /** The first {@code limit} sentences as labelled examples with ids {@code stsa.binary.dev:<line>}. */
    public static List<Example> dev(int limit) {
        Path file = sharedDir().resolve(FILE);
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<Example> examples = new ArrayList<>();
            for (int i = 0; i < Math.min(limit, lines.size()); i++) {
                String line = lines.get(i);
                int space = line.indexOf(' ');
                examples.add(new Example("stsa.binary.dev:" + (i + 1), line.substring(space + 1), null,
                        line.substring(0, space)));
            }
            return examples;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": set -Dpeft4j.shared.dir to the shared folder", e);
        }
    }

    /** The property surefire sets, else the {@code shared} folder beside the worktree. */
    private static Path sharedDir() {
        String property = System.getProperty("peft4j.shared.dir");
        if (property != null) {
            return Path.of(property);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("shared").resolve("data"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no shared/data folder above " + Path.of("").toAbsolutePath()
                    + ": set -Dpeft4j.shared.dir");
        }
        return dir.resolve("shared");
    }
}
