package dev.peft4j.core.metric;

import com.typesafe.config.Config;
import dev.peft4j.spi.PluginContext;
import dev.peft4j.spi.metric.Metric;
import dev.peft4j.spi.metric.MetricFactory;
import org.pf4j.Extension;

/**
 * {@code mse}, for regression. The mean squared error. No settings.
 */
@Extension
public final class MseMetricFactory implements MetricFactory {

    @Override
    public String name() {
        return "mse";
    }

    @Override
    public Metric create(Config settings, PluginContext context) {
        return new MeanSquaredErrorMetric();
    }
}
