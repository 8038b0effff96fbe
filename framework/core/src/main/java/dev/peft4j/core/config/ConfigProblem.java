package dev.peft4j.core.config;

import com.typesafe.config.ConfigOrigin;

/**
 * One thing wrong with a pipeline, located as precisely as the configuration allows.
 *
 * @param source     the file (as it was named when loaded), resource or {@code command line} the value came from
 * @param line       1-based line in {@code source}, or -1 when the source has no lines
 * @param path       the key path, e.g. {@code training.epochs}; empty for a problem with the whole file
 * @param expected   what the reference allows, e.g. {@code a number}; null when nothing was expected (an unknown
 *                   key, a syntax error)
 * @param found      what the pipeline holds, e.g. {@code string "three"} or {@code unknown key}
 * @param didYouMean the key path or value the user probably meant; null when none is close
 */
public record ConfigProblem(String source, int line, String path, String expected, String found, String didYouMean) {

    /** A problem located at a configuration value's origin. */
    public static ConfigProblem at(ConfigOrigin origin, String path, String expected, String found, String didYouMean) {
        return new ConfigProblem(Origins.source(origin), Origins.line(origin), path, expected, found, didYouMean);
    }

    /** The problem as one line: {@code sst2-lora.conf:7: training.epochs: expected a number, found string "three"}. */
    public String message() {
        StringBuilder text = new StringBuilder(source);
        if (line > 0) {
            text.append(':').append(line);
        }
        text.append(": ");
        if (!path.isEmpty()) {
            text.append(path).append(": ");
        }
        text.append(expected == null ? found : "expected " + expected + ", found " + found);
        if (didYouMean != null) {
            text.append("; did you mean '").append(didYouMean).append("'?");
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return message();
    }
}
