package dev.peft4j.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peft4j.spi.NamedFactory;
import dev.peft4j.spi.schedule.LrScheduleFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;

class ScheduleExtensionsTest {

    @Test
    void pf4jFindsEveryBuiltInScheduleOnTheHostClassPathByName(@TempDir Path noPlugins) {
        var manager = new DefaultPluginManager(noPlugins);

        assertThat(manager.getExtensions(LrScheduleFactory.class)).extracting(NamedFactory::name)
                .contains("constant", "linear", "cosine", "step");
    }
}
