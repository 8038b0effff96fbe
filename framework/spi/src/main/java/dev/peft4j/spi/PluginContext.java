package dev.peft4j.spi;

import java.nio.file.Path;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;

/** The only window a plugin has into the host. */
public interface PluginContext {

    /** A random generator seeded from the run's seed and the extension's name, so runs are reproducible. */
    RandomGenerator random();

    /** A folder the extension may write to for this run; created on first use by the host. */
    Path workDir();

    /** A logger named after the extension. */
    Logger logger();

    /** The SPI version of the host, e.g. {@code 0.1.0}. */
    String spiVersion();
}
