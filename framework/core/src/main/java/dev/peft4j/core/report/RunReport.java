package dev.peft4j.core.report;

import dev.peft4j.core.eval.ConfusionMatrix;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code report.html} shows.
 *
 * @param title          the run's name
 * @param resolvedConfig the pipeline configuration as resolved, as text
 * @param dataReport     what the data pipeline found (rows per split, label counts...); nested maps and lists render as
 *                       nested tables
 * @param finalMetrics   the metrics the run ends with (e.g. on the test split)
 * @param confusion      for classification; null otherwise
 */
public record RunReport(String title, String resolvedConfig, Map<String, Object> dataReport, ParameterCounts parameters,
                        TrainingHistory history, Map<String, Double> finalMetrics, ConfusionMatrix confusion,
                        Timing timing) {

    public RunReport {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(resolvedConfig, "resolvedConfig");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(timing, "timing");
        dataReport = Collections.unmodifiableMap(new LinkedHashMap<>(dataReport));
        finalMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(finalMetrics));
    }
}
