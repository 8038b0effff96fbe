package dev.peft4j.core.metric;

import com.typesafe.config.Config;
import dev.peft4j.spi.PluginContext;
import dev.peft4j.spi.metric.Metric;
import dev.peft4j.spi.metric.MetricFactory;
import org.pf4j.Extension;

/**
 * {@code spearman}, for regression. Spearman's rank correlation, ties sharing their mean rank. No settings.
 */
@Extension
public final class SpearmanMetricFactory implements MetricFactory {

    @Override
    public String name() {
        return "spearman";
    }

    @Override
    public Metric create(Config settings, PluginContext context) {
        return new SpearmanMetric();
    }
}
