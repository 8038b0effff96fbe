package dev.peft4j.core.model.surgery;

import dev.peft4j.core.tokenizer.TextTokenizer;
import dev.peft4j.spi.method.ModelSpec;
import java.util.List;

/**
 * What every adapter's {@link AdapterSurgery} may learn about the base model, beyond its weights.
 *
 * @param defaultTargetModules the layers a PEFT {@code target_modules} default means for the architecture
 * @param wordEmbeddingName    the canonical name of the word embedding matrix
 * @param modelNameOrPath      the base model's name or path, saved as {@code base_model_name_or_path}; null if unknown
 * @param tokenizer            the base model's tokenizer, or null when the host gives methods none
 */
public record ModelFacts(ModelSpec spec, List<String> defaultTargetModules, String wordEmbeddingName,
        String modelNameOrPath, TextTokenizer tokenizer) {

    public ModelFacts {
        defaultTargetModules = List.copyOf(defaultTargetModules);
    }
}
