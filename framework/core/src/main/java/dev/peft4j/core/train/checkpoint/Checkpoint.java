package dev.peft4j.core.train.checkpoint;

import dev.peft4j.spi.FloatTensor;
import java.util.Map;

/**
 * One saved point of a run.
 *
 * @param weights        trainable variables by name
 * @param optimizerState Adam moments by {@code <variable>/adam_m} and {@code <variable>/adam_v}
 */
public record Checkpoint(Map<String, FloatTensor> weights, Map<String, FloatTensor> optimizerState, TrainerState state) {
}
