package dev.peft4j.spi.metric;

import dev.peft4j.spi.NamedFactory;

/** Extension point for evaluation metrics, chosen by name in {@code evaluation.metrics}. */
public interface MetricFactory extends NamedFactory<Metric> {
}
