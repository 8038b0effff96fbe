package dev.peft4j.core.train.progress;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An evaluation done after a step.
 *
 * @param improved whether the best metric improved, making this step's checkpoint the best
 */
public record EvaluationEvent(long step, int epoch, Map<String, Double> metrics, boolean improved, double seconds) {

    public EvaluationEvent {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
