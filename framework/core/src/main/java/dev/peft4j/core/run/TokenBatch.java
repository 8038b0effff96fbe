package dev.peft4j.core.run;

import dev.peft4j.core.data.ExampleSet;
import dev.peft4j.core.model.Batch;
import dev.peft4j.core.model.Labels;
import dev.peft4j.spi.data.Example;
import java.util.ArrayList;
import java.util.List;

/**
 * One padded batch of a split as the trainer and evaluator see it: token arrays for the model, gold values for the
 * metrics, and the texts (read on demand, for {@code predictions.tsv}).
 */
final class TokenBatch implements ModelInput {

    private final dev.peft4j.core.data.batch.Batch tokens;
    private final ExampleSet examples;
    private final int[] positions;

    /**
     * @param examples  the split the rows come from, or null when its texts are not needed
     * @param positions each row's position in {@code examples}
     */
    TokenBatch(dev.peft4j.core.data.batch.Batch tokens, ExampleSet examples, int[] positions) {
        this.tokens = tokens;
        this.examples = examples;
        this.positions = positions.clone();
    }

    @Override
    public int size() {
        return tokens.size();
    }

    @Override
    public long tokenCount() {
        return (long) tokens.size() * tokens.columns() - tokens.padTokens();
    }

    /** A sentence pair is written as its two texts joined by a tab (escaped in predictions.tsv). */
    @Override
    public List<String> texts() {
        List<String> texts = new ArrayList<>(positions.length);
        for (int position : positions) {
            Example example = examples.example(position);
            texts.add(example.textPair() == null ? example.text() : example.text() + "\t" + example.textPair());
        }
        return texts;
    }

    @Override
    public int[] goldClasses() {
        return tokens.labels();
    }

    @Override
    public double[] goldValues() {
        float[] targets = tokens.targets();
        if (targets == null) {
            return null;
        }
        double[] values = new double[targets.length];
        for (int i = 0; i < targets.length; i++) {
            values[i] = targets[i];
        }
        return values;
    }

    @Override
    public Batch toModelBatch(boolean withLabels) {
        Labels labels = null;
        if (withLabels && tokens.labels() != null) {
            labels = new Labels.Classes(tokens.labels());
        } else if (withLabels && tokens.targets() != null) {
            labels = new Labels.Targets(tokens.targets());
        }
        return new Batch(tokens.size(), tokens.columns(), ints(tokens.flatInputIds()),
                ints(tokens.flatAttentionMask()), ints(tokens.flatTypeIds()), labels);
    }

    private static int[] ints(long[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.toIntExact(values[i]);
        }
        return out;
    }
}
