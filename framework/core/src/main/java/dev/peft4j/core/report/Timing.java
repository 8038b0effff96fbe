package dev.peft4j.core.report;

import java.util.OptionalLong;

/**
 * @param wallSeconds     the whole run, evaluation and saving included
 * @param trainingSeconds the training steps alone
 * @param tokens          tokens trained on
 * @param peakRssBytes    the process's peak resident memory, when the platform reports it
 */
public record Timing(double wallSeconds, double trainingSeconds, long tokens, OptionalLong peakRssBytes) {

    public double tokensPerSecond() {
        return trainingSeconds > 0 ? tokens / trainingSeconds : 0;
    }
}
