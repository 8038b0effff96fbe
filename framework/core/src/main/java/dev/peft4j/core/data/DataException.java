package dev.peft4j.core.data;

/** A problem with the data or its settings that the user must fix; the message says what, where and what to do. */
public class DataException extends RuntimeException {

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
