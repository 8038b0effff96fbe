package dev.peft4j.core.metric;

import org.pf4j.Extension;

/**
 * {@code f1}, for classification. The harmonic mean of precision and recall.
 * Settings at {@code evaluation.metric.f1}.
 */
@Extension
public final class F1MetricFactory extends AveragedMetricFactory {

    public F1MetricFactory() {
        super("f1", ClassScore.F1);
    }
}
