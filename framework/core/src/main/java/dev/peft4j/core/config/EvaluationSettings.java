package dev.peft4j.core.config;

import com.typesafe.config.Config;
import dev.peft4j.spi.metric.MetricFactory;
import java.util.HashSet;
import java.util.List;

/**
 * The {@code evaluation} block.
 *
 * @param metrics   {@code evaluation.metrics}: metric names, in report order
 * @param batchSize {@code evaluation.batch-size}
 * @param blocks    {@code evaluation.metric}: each metric's own settings under its name
 */
public record EvaluationSettings(List<String> metrics, int batchSize, Config blocks) {

    public EvaluationSettings {
        metrics = List.copyOf(metrics);
        SettingsViolations violations = new SettingsViolations();
        violations.check(new HashSet<>(metrics).size() == metrics.size(), "evaluation.metrics",
                "each metric named once", metrics);
        violations.check(metrics.stream().noneMatch(String::isBlank), "evaluation.metrics", "non-blank names",
                metrics);
        violations.check(batchSize >= 1, "evaluation.batch-size", "a whole number >= 1", batchSize);
        violations.check(blocks != null, "evaluation.metric", "an object", blocks);
        violations.throwIfAny();
    }

    public static EvaluationSettings from(Config root) {
        return SettingsReader.read(root, c -> new EvaluationSettings(
                c.getStringList("evaluation.metrics"),
                c.getInt("evaluation.batch-size"),
                c.getConfig("evaluation.metric")));
    }

    /** The settings to create {@code factory}'s metric with, e.g. {@code evaluation.metric.f1}. */
    public Config settingsFor(MetricFactory factory) {
        return SettingsReader.ownSettings(blocks, factory);
    }
}
