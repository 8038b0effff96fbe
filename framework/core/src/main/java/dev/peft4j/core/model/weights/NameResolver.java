package dev.peft4j.core.model.weights;

import java.util.List;

/**
 * Where a weight may sit in a checkpoint. peft4j names every weight as the Hugging Face task model does (e.g.
 * {@code bert.encoder.layer.0...} for BertForSequenceClassification), while checkpoints saved from the bare model
 * drop that prefix and old BERT conversions call LayerNorm parameters gamma and beta.
 */
@FunctionalInterface
public interface NameResolver {

    /** Checkpoint names to try for {@code canonicalName}, most likely first. */
    List<String> candidates(String canonicalName);

    /** Tries the name as given, then without {@code prefix} when it starts with it. */
    static NameResolver optionalPrefix(String prefix) {
        return name -> name.startsWith(prefix) ? List.of(name, name.substring(prefix.length())) : List.of(name);
    }
}
