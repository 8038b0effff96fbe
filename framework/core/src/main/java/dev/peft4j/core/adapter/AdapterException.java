package dev.peft4j.core.adapter;

/**
 * An adapter folder that cannot be read, restored or written: a missing or unreadable file, a config without a known
 * {@code peft_type}, a missing, extra or misshapen tensor. The message names the folder, file, key or tensor and says
 * what to do.
 */
public class AdapterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AdapterException(String message) {
        super(message);
    }

    public AdapterException(String message, Throwable cause) {
        super(message, cause);
    }
}
