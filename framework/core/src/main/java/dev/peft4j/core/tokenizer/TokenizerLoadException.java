package dev.peft4j.core.tokenizer;

import java.nio.file.Path;

/** A tokenizer file that is missing or cannot be understood; names the file. */
public class TokenizerLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public TokenizerLoadException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public TokenizerLoadException(Path file, String problem) {
        this(file, problem, null);
    }

    public Path file() {
        return file;
    }
}
