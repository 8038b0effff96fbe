package dev.peft4j.core.extension;

import dev.peft4j.spi.NamedFactory;
import dev.peft4j.spi.data.AugmenterFactory;
import dev.peft4j.spi.method.TuningMethodFactory;
import dev.peft4j.spi.metric.MetricFactory;
import dev.peft4j.spi.schedule.LrScheduleFactory;
import java.util.List;

/**
 * One of the four extension points, with the words a user reads in listings and errors.
 *
 * @param type     the SPI interface extensions implement
 * @param singular e.g. {@code tuning method}
 * @param plural   e.g. {@code tuning methods}
 */
public record ExtensionKind<F extends NamedFactory<?>>(Class<F> type, String singular, String plural) {

    public static final ExtensionKind<TuningMethodFactory> TUNING_METHOD =
            new ExtensionKind<>(TuningMethodFactory.class, "tuning method", "tuning methods");
    public static final ExtensionKind<AugmenterFactory> AUGMENTER =
            new ExtensionKind<>(AugmenterFactory.class, "augmenter", "augmenters");
    public static final ExtensionKind<LrScheduleFactory> LR_SCHEDULE =
            new ExtensionKind<>(LrScheduleFactory.class, "learning-rate schedule", "learning-rate schedules");
    public static final ExtensionKind<MetricFactory> METRIC =
            new ExtensionKind<>(MetricFactory.class, "metric", "metrics");

    /** Every kind, in the order listings show them. */
    public static final List<ExtensionKind<?>> ALL = List.of(TUNING_METHOD, AUGMENTER, LR_SCHEDULE, METRIC);

    @Override
    public String toString() {
        return singular;
    }
}
