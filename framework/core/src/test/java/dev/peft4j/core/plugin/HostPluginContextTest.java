package dev.peft4j.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peft4j.spi.SpiVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostPluginContextTest {

    @TempDir
    Path run;

    private static long[] draws(HostPluginContext context) {
        return LongStream.range(0, 5).map(i -> context.random().nextLong()).toArray();
    }

    @Test
    void sameSeedAndNameDrawTheSameNumbers() {
        long[] again = draws(new HostPluginContext("lora", 42, run));

        assertThat(draws(new HostPluginContext("lora", 42, run))).containsExactly(again);
    }

    @Test
    void otherNameOrOtherSeedDrawOtherNumbers() {
        long[] lora = draws(new HostPluginContext("lora", 42, run));
        assertThat(draws(new HostPluginContext("adapter", 42, run))).isNotEqualTo(lora);
        assertThat(draws(new HostPluginContext("lora", 43, run))).isNotEqualTo(lora);
    }

    @Test
    void workDirIsTheExtensionsOwnFolderCreatedOnFirstUse() {
        HostPluginContext context = new HostPluginContext("lora", 1, run);
        assertThat(run.resolve("lora")).doesNotExist();

        assertThat(context.workDir()).isEqualTo(run.resolve("lora"));
        assertThat(Files.isDirectory(run.resolve("lora"))).isTrue();
    }

    @Test
    void loggerIsNamedAfterTheExtensionAndTheSpiVersionIsTheHosts() {
        HostPluginContext context = new HostPluginContext("eda", 1, run);

        assertThat(context.logger().getName()).isEqualTo("peft4j.extension.eda");
        assertThat(context.spiVersion()).isEqualTo(SpiVersion.spi()).matches("\\d+\\.\\d+\\.\\d+");
    }
}
