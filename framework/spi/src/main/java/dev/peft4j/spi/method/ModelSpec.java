package dev.peft4j.spi.method;

/**
 * The shape of the base model a method is injected into.
 *
 * @param architecture {@code model_type} from config.json: {@code bert}, {@code gpt2}, {@code llama}, ...
 */
public record ModelSpec(
        String architecture,
        int numLayers,
        int hiddenSize,
        int numHeads,
        int intermediateSize,
        int vocabSize) {
}
