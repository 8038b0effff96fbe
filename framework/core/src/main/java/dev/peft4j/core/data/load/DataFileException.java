package dev.peft4j.core.data.load;

import dev.peft4j.core.data.DataException;

/** A problem at a known place in a data file; the message starts with {@code file:line}. */
public class DataFileException extends DataException {

    private final String file;
    private final long line;

    public DataFileException(String file, long line, String message) {
        super(file + ":" + line + ": " + message);
        this.file = file;
        this.line = line;
    }

    public DataFileException(String file, long line, String message, Throwable cause) {
        super(file + ":" + line + ": " + message, cause);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    /** 1-based line number in the file. */
    public long line() {
        return line;
    }
}
