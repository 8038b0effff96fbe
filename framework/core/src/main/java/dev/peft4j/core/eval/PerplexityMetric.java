package dev.peft4j.core.eval;

import dev.peft4j.spi.metric.Metric;
import dev.peft4j.spi.metric.Predictions;
import dev.peft4j.spi.metric.TaskType;
import java.util.Map;
import java.util.Set;

/** Perplexity of a causal language model: exp of the mean negative log-likelihood per scored token. */
public final class PerplexityMetric implements Metric {

    public static final String NAME = "perplexity";

    private double nll;
    private long tokens;

    @Override
    public Set<TaskType> tasks() {
        return Set.of(TaskType.CAUSAL_LM);
    }

    @Override
    public void update(Predictions batch) {
        if (batch.task() != TaskType.CAUSAL_LM) {
            throw new IllegalArgumentException("perplexity scores causal LM predictions, got " + batch.task());
        }
        nll += batch.tokenLosses();
        tokens += batch.tokenCount();
    }

    @Override
    public Map<String, Double> result() {
        return tokens == 0 ? Map.of() : Map.of(NAME, Math.exp(nll / tokens));
    }

    @Override
    public void reset() {
        nll = 0;
        tokens = 0;
    }
}
