package dev.peft4j.testkit.plugin;

import com.typesafe.config.Config;
import dev.peft4j.spi.PluginContext;
import dev.peft4j.spi.schedule.LrSchedule;
import dev.peft4j.spi.schedule.LrScheduleFactory;
import org.pf4j.Extension;

/** A built-in on this module's test class path, indexed like the host's own, to test clashes with plugins. */
@Extension
public class BuiltInTestSchedule implements LrScheduleFactory {

    static final String NAME = "testkit-built-in";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public LrSchedule create(Config settings, PluginContext context) {
        return (step, horizon) -> horizon.peakRate();
    }
}
