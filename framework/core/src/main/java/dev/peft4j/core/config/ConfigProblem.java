package dev.peft4j.core.config;

import com.typesafe.config.ConfigException;
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

    /**
     * A problem from one of Typesafe Config's exceptions (a syntax error, a failed substitution), located at its
     * origin, with the origin cut from the front of its message.
     *
     * @param fallbackSource the source to name when the exception carries no origin
     */
    public static ConfigProblem of(ConfigException e, String fallbackSource, String path) {
        String text = e.getMessage();
        if (e.origin() == null) {
            return new ConfigProblem(fallbackSource, -1, path, null, text, null);
        }
        String prefix = e.origin().description() + ": ";
        if (text.startsWith(prefix)) {
            text = text.substring(prefix.length());
        }
        return at(e.origin(), path, null, text, null);
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
