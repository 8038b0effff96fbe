package dev.peft4j.core.run;

import dev.peft4j.core.pretrain.CorpusReport;
import dev.peft4j.core.train.TrainingResult;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a continued-pretraining run produced.
 *
 * @param before  held-out loss and perplexity of the base model
 * @param after   held-out loss and perplexity of the trained model
 * @param model   the trained model as a Hugging Face checkpoint folder ({@code peft4j run} takes it as
 *                {@code model.path}); null when the method's adapter cannot be merged
 * @param adapter the adapter folder of a parameter-efficient method; null for {@code full}
 */
public record PretrainResult(Path runDir, CorpusReport corpus, TrainingResult training, Map<String, Double> before,
                             Map<String, Double> after, long totalParameters, long trainableParameters,
                             double wallSeconds, Path model, Path adapter) {

    public PretrainResult {
        before = Collections.unmodifiableMap(new LinkedHashMap<>(before));
        after = Collections.unmodifiableMap(new LinkedHashMap<>(after));
    }
}
