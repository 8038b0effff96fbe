package dev.peft4j.core.config;

import com.typesafe.config.Config;
import dev.peft4j.spi.schedule.LrScheduleFactory;

/**
 * The {@code training.schedule} block.
 *
 * @param type   {@code training.schedule.type}: the name of the schedule to use
 * @param blocks the whole block, holding each schedule's own settings under its name
 */
public record ScheduleSettings(String type, Config blocks) {

    public ScheduleSettings {
        SettingsViolations violations = new SettingsViolations();
        violations.check(type != null && !type.isBlank(), "training.schedule.type", "a schedule name", type);
        violations.check(blocks != null, "training.schedule", "an object", blocks);
        violations.throwIfAny();
    }

    public static ScheduleSettings from(Config root) {
        return SettingsReader.read(root, c -> new ScheduleSettings(
                c.getString("training.schedule.type"),
                c.getConfig("training.schedule")));
    }

    /** The settings to create {@code factory}'s schedule with, e.g. {@code training.schedule.cosine}. */
    public Config settingsFor(LrScheduleFactory factory) {
        return SettingsReader.ownSettings(blocks, factory);
    }
}
