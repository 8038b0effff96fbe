package dev.peft4j.core.model.config;

import dev.peft4j.spi.method.ModelSpec;

/** The architecture-defining part of a Hugging Face {@code config.json}, validated. */
public sealed interface ModelConfig permits BertConfig, Gpt2Config, LlamaConfig {

    /** {@code model_type} as written in config.json, e.g. {@code gpt2}, {@code bert}, {@code llama}, {@code qwen2}. */
    String modelType();

    int vocabSize();

    int hiddenSize();

    int numLayers();

    int numHeads();

    int intermediateSize();

    /** Standard deviation Hugging Face uses to initialise new weights (e.g. a classification head). */
    double initializerRange();

    /** Dropout before a classification head (0 when the architecture has none). */
    double classifierDropout();

    default ModelSpec spec() {
        return new ModelSpec(modelType(), numLayers(), hiddenSize(), numHeads(), intermediateSize(), vocabSize());
    }
}
