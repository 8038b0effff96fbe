package dev.peft4j.core.train;

import java.util.Map;

/** Evaluates the model as it stands on the validation rows; metric values by name, including {@code loss}. */
@FunctionalInterface
public interface Validation {

    Map<String, Double> evaluate();
}
