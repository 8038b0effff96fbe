package dev.peft4j.core.metric;

import com.typesafe.config.Config;
import dev.peft4j.spi.PluginContext;
import dev.peft4j.spi.metric.Metric;
import dev.peft4j.spi.metric.MetricFactory;
import org.pf4j.Extension;

/**
 * {@code pearson}, for regression. Pearson's linear correlation. No settings.
 */
@Extension
public final class PearsonMetricFactory implements MetricFactory {

    @Override
    public String name() {
        return "pearson";
    }

    @Override
    public Metric create(Config settings, PluginContext context) {
        return new PearsonMetric();
    }
}
