package dev.peft4j.spi.schedule;

import dev.peft4j.spi.NamedFactory;

/** Extension point for learning-rate schedules, chosen by {@code training.schedule.type}. */
public interface LrScheduleFactory extends NamedFactory<LrSchedule> {
}
