package dev.peft4j.core.safetensors;

import java.nio.file.Path;

/** A tensor a model or an index asks for is not in the checkpoint. */
public class MissingTensorException extends SafetensorsFormatException {

    private static final long serialVersionUID = 1L;

    public MissingTensorException(Path file, String tensor, String problem) {
        super(file, tensor, problem);
    }
}
