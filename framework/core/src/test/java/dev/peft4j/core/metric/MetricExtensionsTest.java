package dev.peft4j.core.metric;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peft4j.spi.NamedFactory;
import dev.peft4j.spi.metric.MetricFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;

class MetricExtensionsTest {

    @Test
    void pf4jFindsEveryBuiltInMetricOnTheHostClassPathByName(@TempDir Path noPlugins) {
        var manager = new DefaultPluginManager(noPlugins);

        assertThat(manager.getExtensions(MetricFactory.class)).extracting(NamedFactory::name)
                .contains("accuracy", "precision", "recall", "f1", "spearman", "pearson", "mse");
    }
}
