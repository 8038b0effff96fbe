package dev.peft4j.plugins.augmentation;

import dev.peft4j.spi.PluginContext;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the host would hand an augmenter factory; augmenters draw only from the generator passed to augment. */
public record TestContext(Path workDir) implements PluginContext {

    @Override
    public RandomGenerator random() {
        return new SplittableRandom(1);
    }

    @Override
    public Logger logger() {
        return LoggerFactory.getLogger("augmentation-test");
    }

    @Override
    public String spiVersion() {
        return "0.1.0";
    }
}
