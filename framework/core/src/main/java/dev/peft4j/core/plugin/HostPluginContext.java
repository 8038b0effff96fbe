package dev.peft4j.core.plugin;

import dev.peft4j.spi.PluginContext;
import dev.peft4j.spi.SpiVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the host hands one extension for one run: a random generator seeded from the run's seed and the extension's
 * name (so two extensions never share a stream, and a rerun with the same seed draws the same numbers), a work folder
 * of its own, a logger named after it, and the SPI version.
 */
public final class HostPluginContext implements PluginContext {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final String extensionName;
    private final RandomGenerator random;
    private final Path workDir;
    private final Logger logger;

    /**
     * @param extensionName the extension's {@code name()}
     * @param runSeed       the run's seed
     * @param workRoot      the run's folder for extensions; this extension writes under {@code workRoot/<name>}
     */
    public HostPluginContext(String extensionName, long runSeed, Path workRoot) {
        this.extensionName = extensionName;
        this.random = new SplittableRandom(runSeed ^ fnv1a64(extensionName));
        this.workDir = workRoot.resolve(extensionName);
        this.logger = LoggerFactory.getLogger("peft4j.extension." + extensionName);
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    /** Created on first call. */
    @Override
    public Path workDir() {
        try {
            return Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the work folder " + workDir + " of extension '"
                    + extensionName + "'; check that the run folder is writable", e);
        }
    }

    @Override
    public Logger logger() {
        return logger;
    }

    @Override
    public String spiVersion() {
        return SpiVersion.spi();
    }

    /** A 64-bit hash of the name that, unlike {@code hashCode()}, spreads short names over all bits. */
    private static long fnv1a64(String text) {
        long hash = FNV_OFFSET;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * FNV_PRIME;
        }
        return hash;
    }
}
