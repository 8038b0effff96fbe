package dev.peft4j.plugins.prompttuning;

import static org.mockito.Mockito.mock;

import dev.peft4j.spi.PluginContext;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;

/** A plugin context with a seeded generator and a mock logger. */
public final class TestContext implements PluginContext {

    private final RandomGenerator random = new SplittableRandom(1);
    private final Logger logger = mock(Logger.class);

    @Override
    public RandomGenerator random() {
        return random;
    }

    @Override
    public Path workDir() {
        return Path.of("unused");
    }

    @Override
    public Logger logger() {
        return logger;
    }

    @Override
    public String spiVersion() {
        return "0.1.0";
    }
}
