package dev.peft4j.core.extension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import dev.peft4j.spi.PluginContext;
import dev.peft4j.spi.schedule.LrSchedule;
import dev.peft4j.spi.schedule.LrScheduleFactory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtensionRegistryTest {

    private record Schedule(String name) implements LrScheduleFactory {
        @Override
        public LrSchedule create(Config settings, PluginContext context) {
            return (step, horizon) -> horizon.peakRate();
        }
    }

    private static final ExtensionOrigin ACME_JAR = ExtensionOrigin.plugin("acme", Path.of("/p/acme.jar"));

    private final ExtensionRegistry<LrScheduleFactory> registry = new ExtensionRegistry<>(
            ExtensionKind.LR_SCHEDULE, List.of(
                    new ExtensionRegistry.Entry<>("linear", new Schedule("linear"), ExtensionOrigin.builtIn()),
                    new ExtensionRegistry.Entry<>("cosine", new Schedule("cosine"), ACME_JAR)));

    @Test
    void findsFactoriesByNameWithTheirOrigin() {
        assertThat(registry.get("cosine").name()).isEqualTo("cosine");
        assertThat(registry.origin("cosine")).isEqualTo(ACME_JAR);
        assertThat(registry.origin("linear").isBuiltIn()).isTrue();
        assertThat(registry.names()).containsExactly("cosine", "linear");
    }

    @Test
    void unknownNameListsTheAvailableOnes() {
        assertThatThrownBy(() -> registry.get("cosin"))
                .isInstanceOf(UnknownExtensionException.class)
                .hasMessageStartingWith("No learning-rate schedule named 'cosin'. Available: [cosine, linear].");
    }

    @Test
    void twoEntriesWithOneNameAreRefusedNamingBothOrigins() {
        List<ExtensionRegistry.Entry<LrScheduleFactory>> twins = List.of(
                new ExtensionRegistry.Entry<>("linear", new Schedule("linear"), ExtensionOrigin.builtIn()),
                new ExtensionRegistry.Entry<>("linear", new Schedule("linear"), ACME_JAR));

        assertThatThrownBy(() -> new ExtensionRegistry<>(ExtensionKind.LR_SCHEDULE, twins))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'linear'", "the host (built-in)", "plugin 'acme' (/p/acme.jar)");
    }
}
