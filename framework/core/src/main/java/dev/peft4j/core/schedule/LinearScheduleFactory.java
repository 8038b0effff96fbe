package dev.peft4j.core.schedule;

import com.typesafe.config.Config;
import dev.peft4j.spi.PluginContext;
import dev.peft4j.spi.schedule.LrSchedule;
import dev.peft4j.spi.schedule.LrScheduleFactory;
import org.pf4j.Extension;

/** {@code linear}: after warmup, straight down from the peak rate to 0 at the end of the run. */
@Extension
public final class LinearScheduleFactory implements LrScheduleFactory {

    @Override
    public String name() {
        return "linear";
    }

    @Override
    public LrSchedule create(Config settings, PluginContext context) {
        return new WarmupSchedule(
                (stepsSinceWarmup, decaySteps) -> Math.max(0.0, (double) (decaySteps - stepsSinceWarmup) / decaySteps));
    }
}
