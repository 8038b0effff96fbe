package dev.peft4j.core.schedule;

import com.typesafe.config.Config;
import dev.peft4j.spi.PluginContext;
import dev.peft4j.spi.schedule.LrSchedule;
import dev.peft4j.spi.schedule.LrScheduleFactory;
import org.pf4j.Extension;

/** {@code cosine}: after warmup, cosine decay towards a floor; settings at {@code training.schedule.cosine}. */
@Extension
public final class CosineScheduleFactory implements LrScheduleFactory {

    @Override
    public String name() {
        return "cosine";
    }

    @Override
    public LrSchedule create(Config settings, PluginContext context) {
        return new WarmupSchedule(CosineDecay.from(settings));
    }
}
