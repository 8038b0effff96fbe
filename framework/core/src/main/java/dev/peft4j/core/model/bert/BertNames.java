package dev.peft4j.core.model.bert;

import dev.peft4j.core.model.weights.NameResolver;
import java.util.ArrayList;
import java.util.List;

/**
 * BERT weights are named as in {@code BertForSequenceClassification} ({@code bert.encoder.layer.0...}); checkpoints of
 * the bare {@code BertModel} omit {@code bert.}, and TensorFlow-converted ones call LayerNorm parameters
 * {@code gamma}/{@code beta}, which Hugging Face renames on load and so does peft4j.
 */
final class BertNames implements NameResolver {

    static final String PREFIX = "bert.";

    @Override
    public List<String> candidates(String canonicalName) {
        List<String> names = new ArrayList<>();
        for (String name : NameResolver.optionalPrefix(PREFIX).candidates(canonicalName)) {
            names.add(name);
            if (name.endsWith("LayerNorm.weight")) {
                names.add(name.substring(0, name.length() - "weight".length()) + "gamma");
            } else if (name.endsWith("LayerNorm.bias")) {
                names.add(name.substring(0, name.length() - "bias".length()) + "beta");
            }
        }
        return names;
    }
}
