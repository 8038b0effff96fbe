package dev.peft4j.core.metric;

import org.pf4j.Extension;

/**
 * {@code recall}, for classification. Of the examples of a class, the fraction predicted as it.
 * Settings at {@code evaluation.metric.recall}.
 */
@Extension
public final class RecallMetricFactory extends AveragedMetricFactory {

    public RecallMetricFactory() {
        super("recall", ClassScore.RECALL);
    }
}
