package dev.peft4j.core.data.dedup;

import com.typesafe.config.Config;
import dev.peft4j.core.data.ConfigReads;
import java.util.Objects;

/** Duplicate handling within each data file. */
public record DedupSettings(DedupMode mode, ConflictPolicy conflicts) {

    public DedupSettings {
        Objects.requireNonNull(mode, "data.dedup.mode");
        Objects.requireNonNull(conflicts, "data.dedup.conflicts");
    }

    /** Reads {@code dedup.*} from the {@code data} block. */
    public static DedupSettings from(Config data) {
        return new DedupSettings(ConfigReads.enumValue(data, "dedup.mode", DedupMode.class),
                ConfigReads.enumValue(data, "dedup.conflicts", ConflictPolicy.class));
    }
}
