package dev.peft4j.core.data;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;

/** {@link DataSettings} from reference.conf with HOCON overrides of the {@code data} block. */
public final class TestSettings {

    private TestSettings() {
    }

    public static Config dataBlock(String overrides) {
        return ConfigFactory.parseString("data { " + overrides + " }")
                .withFallback(ConfigFactory.parseResources("reference.conf"))
                .resolve()
                .getConfig("data");
    }

    public static DataSettings settings(String overrides) {
        return DataSettings.from(dataBlock(overrides), Path.of("."));
    }

    /** A HOCON string literal for a path. */
    public static String quoted(Path path) {
        return "\"" + path.toAbsolutePath().toString().replace("\\", "\\\\") + "\"";
    }
}
