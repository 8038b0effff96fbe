package dev.peft4j.core.run;

import com.typesafe.config.Config;
import dev.peft4j.core.config.EvaluationSettings;
import dev.peft4j.core.config.ScheduleSettings;
import dev.peft4j.core.config.SettingsReader;
import dev.peft4j.core.data.augment.NamedAugmenter;
import dev.peft4j.core.extension.Extensions;
import dev.peft4j.core.plugin.HostPluginContext;
import dev.peft4j.spi.NamedFactory;
import dev.peft4j.spi.data.AugmenterFactory;
import dev.peft4j.spi.method.TuningMethod;
import dev.peft4j.spi.method.TuningMethodFactory;
import dev.peft4j.spi.metric.Metric;
import dev.peft4j.spi.metric.MetricFactory;
import dev.peft4j.spi.schedule.LrSchedule;
import dev.peft4j.spi.schedule.LrScheduleFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The extensions one run uses, made from the registries by the names the pipeline chose, each with its own settings
 * block and its own {@link HostPluginContext} (seeded from the run seed and its name, working under the run folder).
 */
final class RunExtensions {

    private final Extensions extensions;
    private final long seed;
    private final Path workRoot;

    /** @param workRoot the run's folder for extensions; each works in {@code workRoot/<name>} */
    RunExtensions(Extensions extensions, long seed, Path workRoot) {
        this.extensions = extensions;
        this.seed = seed;
        this.workRoot = workRoot;
    }

    /** The tuning method {@code method.type} names, made with its {@code method.<name>} block. */
    TuningMethod method(Config root) {
        return method(root.getString("method.type"), root);
    }

    /** The tuning method {@code name}, made with its {@code method.<name>} block. */
    TuningMethod method(String name, Config root) {
        TuningMethodFactory factory = extensions.tuningMethods().get(name);
        return factory.create(SettingsReader.ownSettings(root.getConfig("method"), factory), context(factory));
    }

    TuningMethodFactory methodFactory(String name) {
        return extensions.tuningMethods().get(name);
    }

    LrSchedule schedule(ScheduleSettings settings) {
        LrScheduleFactory factory = extensions.schedules().get(settings.type());
        return factory.create(settings.settingsFor(factory), context(factory));
    }

    List<Metric> metrics(EvaluationSettings settings) {
        List<Metric> metrics = new ArrayList<>();
        for (String name : settings.metrics()) {
            MetricFactory factory = extensions.metrics().get(name);
            metrics.add(factory.create(settings.settingsFor(factory), context(factory)));
        }
        return metrics;
    }

    /** The augmenters {@code data.augment.augmenters} names, each with its {@code data.augment.<name>} block. */
    List<NamedAugmenter> augmenters(Config root) {
        List<NamedAugmenter> augmenters = new ArrayList<>();
        if (!root.getBoolean("data.augment.enabled")) {
            return augmenters;
        }
        Config blocks = root.getConfig("data.augment");
        for (String name : root.getStringList("data.augment.augmenters")) {
            AugmenterFactory factory = extensions.augmenters().get(name);
            augmenters.add(new NamedAugmenter(name,
                    factory.create(SettingsReader.ownSettings(blocks, factory), context(factory))));
        }
        return augmenters;
    }

    HostPluginContext context(NamedFactory<?> factory) {
        return new HostPluginContext(factory.name(), seed, workRoot);
    }
}
