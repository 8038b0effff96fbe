package dev.peft4j.core.safetensors;

import java.nio.file.Path;

/**
 * A safetensors file or checkpoint that breaks the format: names the file and, where one is to blame, the tensor.
 */
public class SafetensorsFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String tensor;

    public SafetensorsFormatException(Path file, String tensor, String problem) {
        this(file, tensor, problem, null);
    }

    public SafetensorsFormatException(Path file, String tensor, String problem, Throwable cause) {
        super(describe(file, tensor, problem), cause);
        this.file = file;
        this.tensor = tensor;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** The tensor at fault, or null when the problem is the file as a whole. */
    public String tensor() {
        return tensor;
    }

    private static String describe(Path file, String tensor, String problem) {
        String where = tensor == null ? file.toString() : file + ", tensor '" + tensor + "'";
        return where + ": " + problem;
    }
}
