package dev.peft4j.core.data.balance;

import com.typesafe.config.Config;
import dev.peft4j.core.data.ConfigReads;
import java.util.Objects;

/** Class balancing of the training split. */
public record BalanceSettings(BalanceStrategy strategy) {

    public BalanceSettings {
        Objects.requireNonNull(strategy, "data.balance.strategy");
    }

    /** Reads {@code balance.*} from the {@code data} block. */
    public static BalanceSettings from(Config data) {
        return new BalanceSettings(ConfigReads.enumValue(data, "balance.strategy", BalanceStrategy.class));
    }
}
