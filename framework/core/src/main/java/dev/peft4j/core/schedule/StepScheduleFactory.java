package dev.peft4j.core.schedule;

import com.typesafe.config.Config;
import dev.peft4j.spi.PluginContext;
import dev.peft4j.spi.schedule.LrSchedule;
import dev.peft4j.spi.schedule.LrScheduleFactory;
import org.pf4j.Extension;

/** {@code step}: after warmup, the rate times gamma every step-size steps; settings at training.schedule.step. */
@Extension
public final class StepScheduleFactory implements LrScheduleFactory {

    @Override
    public String name() {
        return "step";
    }

    @Override
    public LrSchedule create(Config settings, PluginContext context) {
        return new WarmupSchedule(StepDecay.from(settings));
    }
}
