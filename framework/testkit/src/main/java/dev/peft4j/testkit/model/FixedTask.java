package dev.peft4j.testkit.model;

import dev.peft4j.core.model.Batch;
import dev.peft4j.core.model.Head;
import dev.peft4j.core.model.Labels;
import java.util.Arrays;
import java.util.Random;

/**
 * A small fixed batch for each head that a method must learn to fit: for causal LM, sequences that count up by a
 * per-row step (next token = previous + step mod vocabulary); for classification, random sequences whose class is
 * their first token modulo the number of classes, with that token repeated last so that first-token (BERT) and
 * last-token (GPT-2, LLaMA) pooling both see it.
 */
public final class FixedTask {

    public static final int ROWS = 8;
    public static final int LENGTH = 10;

    private FixedTask() {
    }

    /** The task's batch with labels, the same for the same arguments. */
    public static Batch batch(Head head, int vocabSize, long seed) {
        Random random = new Random(seed);
        int[][] ids = new int[ROWS][LENGTH];
        for (int[] row : ids) {
            if (head.type() == Head.Type.CAUSAL_LM) {
                int step = 1 + random.nextInt(3);
                row[0] = random.nextInt(vocabSize);
                for (int t = 1; t < LENGTH; t++) {
                    row[t] = (row[t - 1] + step) % vocabSize;
                }
            } else {
                for (int t = 0; t < LENGTH; t++) {
                    row[t] = random.nextInt(vocabSize);
                }
                row[LENGTH - 1] = row[0];
            }
        }
        Batch batch = Batch.of(ids);
        return switch (head.type()) {
            case CAUSAL_LM -> batch.withLabels(new Labels.Tokens(batch.inputIds().clone()));
            // every position is its own target: a masked LM that has nothing masked learns to copy its input
            case MASKED_LM -> batch.withLabels(new Labels.Tokens(batch.inputIds().clone()));
            case SEQUENCE_CLASSIFICATION -> batch.withLabels(new Labels.Classes(
                    Arrays.stream(ids).mapToInt(row -> row[0] % head.numLabels()).toArray()));
            case REGRESSION -> batch.withLabels(new Labels.Targets(toFloats(
                    Arrays.stream(ids).mapToInt(row -> row[0] % 2).toArray())));
        };
    }

    private static float[] toFloats(int[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
