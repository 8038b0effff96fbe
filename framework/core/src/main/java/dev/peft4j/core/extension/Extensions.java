package dev.peft4j.core.extension;

import dev.peft4j.spi.NamedFactory;
import dev.peft4j.spi.data.AugmenterFactory;
import dev.peft4j.spi.method.TuningMethodFactory;
import dev.peft4j.spi.metric.MetricFactory;
import dev.peft4j.spi.schedule.LrScheduleFactory;
import java.util.Map;

/** The four registries, one per {@link ExtensionKind}. */
public final class Extensions {

    private final Map<ExtensionKind<?>, ExtensionRegistry<?>> registries;

    /** @throws IllegalArgumentException when a kind has no registry or a registry sits under another kind */
    public Extensions(Map<ExtensionKind<?>, ExtensionRegistry<?>> registries) {
        for (ExtensionKind<?> kind : ExtensionKind.ALL) {
            ExtensionRegistry<?> registry = registries.get(kind);
            if (registry == null || !registry.kind().equals(kind)) {
                throw new IllegalArgumentException("No registry for " + kind.plural());
            }
        }
        this.registries = Map.copyOf(registries);
    }

    @SuppressWarnings("unchecked") // the constructor checked that each registry sits under its own kind
    public <F extends NamedFactory<?>> ExtensionRegistry<F> registry(ExtensionKind<F> kind) {
        return (ExtensionRegistry<F>) registries.get(kind);
    }

    public ExtensionRegistry<TuningMethodFactory> tuningMethods() {
        return registry(ExtensionKind.TUNING_METHOD);
    }

    public ExtensionRegistry<AugmenterFactory> augmenters() {
        return registry(ExtensionKind.AUGMENTER);
    }

    public ExtensionRegistry<LrScheduleFactory> schedules() {
        return registry(ExtensionKind.LR_SCHEDULE);
    }

    public ExtensionRegistry<MetricFactory> metrics() {
        return registry(ExtensionKind.METRIC);
    }
}
