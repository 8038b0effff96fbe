package dev.peft4j.core.eval;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an evaluation found.
 *
 * @param metrics     metric values by name, {@code loss} included when the rows are labelled; empty for unlabelled rows
 * @param predictions every row's prediction, in input order
 * @param confusion   for labelled classification rows
 */
public record EvaluationResult(Map<String, Double> metrics, PredictionTable predictions,
                               Optional<ConfusionMatrix> confusion) {

    public EvaluationResult {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** Writes {@code predictions.tsv} (atomically). */
    public void writePredictions(Path file) {
        PredictionsTsv.write(file, predictions);
    }
}
