package dev.peft4j.core.metric;

import org.pf4j.Extension;

/**
 * {@code precision}, for classification. Of the examples predicted as a class, the fraction that belong to it.
 * Settings at {@code evaluation.metric.precision}.
 */
@Extension
public final class PrecisionMetricFactory extends AveragedMetricFactory {

    public PrecisionMetricFactory() {
        super("precision", ClassScore.PRECISION);
    }
}
