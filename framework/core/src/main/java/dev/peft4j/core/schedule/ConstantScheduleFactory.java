package dev.peft4j.core.schedule;

import com.typesafe.config.Config;
import dev.peft4j.spi.PluginContext;
import dev.peft4j.spi.schedule.LrSchedule;
import dev.peft4j.spi.schedule.LrScheduleFactory;
import org.pf4j.Extension;

/** {@code constant}: the peak rate for the whole run after warmup. */
@Extension
public final class ConstantScheduleFactory implements LrScheduleFactory {

    @Override
    public String name() {
        return "constant";
    }

    @Override
    public LrSchedule create(Config settings, PluginContext context) {
        return new WarmupSchedule((stepsSinceWarmup, decaySteps) -> 1.0);
    }
}
