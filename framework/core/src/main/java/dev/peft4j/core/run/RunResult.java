package dev.peft4j.core.run;

import dev.peft4j.core.train.TrainingResult;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a pipeline run produced.
 *
 * @param runDir     the run folder
 * @param training   how training ended
 * @param validation the final model's metrics on the validation split; empty when it has no rows
 * @param test       the final model's metrics on the test split; empty when it has no rows
 * @param artifact   the saved adapter folder, or the full checkpoint folder for method {@code full}
 */
public record RunResult(Path runDir, TrainingResult training, Map<String, Double> validation,
                        Map<String, Double> test, long totalParameters, long trainableParameters,
                        double wallSeconds, Path artifact) {

    public RunResult {
        validation = Collections.unmodifiableMap(new LinkedHashMap<>(validation));
        test = Collections.unmodifiableMap(new LinkedHashMap<>(test));
    }
}
