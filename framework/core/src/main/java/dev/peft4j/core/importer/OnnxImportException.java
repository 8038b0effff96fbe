package dev.peft4j.core.importer;

/** An ONNX model the importer cannot turn into a checkpoint; names the source and the node or tensor at fault. */
public class OnnxImportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;

    public OnnxImportException(String source, String problem) {
        this(source, problem, null);
    }

    public OnnxImportException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    /** The ONNX file, class-path resource or target folder at fault. */
    public String source() {
        return source;
    }
}
