package dev.peft4j.core.model;

/**
 * A checkpoint that cannot become a model: unreadable or invalid {@code config.json}, a missing tensor, a tensor of the
 * wrong shape. The message names the file, key or tensor and says what to do.
 */
public class ModelLoadException extends RuntimeException {

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
