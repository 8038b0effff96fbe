package dev.peft4j.core.metric;

import com.typesafe.config.Config;
import dev.peft4j.spi.PluginContext;
import dev.peft4j.spi.metric.Metric;
import dev.peft4j.spi.metric.MetricFactory;
import org.pf4j.Extension;

/**
 * {@code accuracy}, for classification. The fraction of examples predicted correctly. No settings.
 */
@Extension
public final class AccuracyMetricFactory implements MetricFactory {

    @Override
    public String name() {
        return "accuracy";
    }

    @Override
    public Metric create(Config settings, PluginContext context) {
        return new AccuracyMetric();
    }
}
