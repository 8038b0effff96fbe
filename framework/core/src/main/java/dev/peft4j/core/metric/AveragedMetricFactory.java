package dev.peft4j.core.metric;

import com.typesafe.config.Config;
import dev.peft4j.core.config.SettingsReader;
import dev.peft4j.spi.PluginContext;
import dev.peft4j.spi.metric.Metric;
import dev.peft4j.spi.metric.MetricFactory;

/**
 * Factory of a per-class score with averaging; its settings hold {@code average}, the averaging also reported
 * under the plain name.
 */
abstract class AveragedMetricFactory implements MetricFactory {

    private final String name;
    private final ClassScore score;

    AveragedMetricFactory(String name, ClassScore score) {
        this.name = name;
        this.score = score;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Metric create(Config settings, PluginContext context) {
        Averaging average = SettingsReader.read(settings, "evaluation.metric." + settingsPath(),
                c -> SettingsReader.enumValue(c, "average", Averaging.class));
        return new AveragedClassMetric(name, score, average);
    }
}
