package dev.peft4j.core.model;

import java.util.Collection;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Checks a {@link Batch} against the model and turns it into a {@link Feed}; errors say which value is wrong. */
final class FeedBuilder {

    private final ModelInputs inputs;
    private final Head head;
    private final int vocabSize;
    private final int maxPositions;
    private final int promptLength;

    FeedBuilder(ModelInputs inputs, Head head, int vocabSize, int maxPositions, int promptLength) {
        this.inputs = inputs;
        this.head = head;
        this.vocabSize = vocabSize;
        this.maxPositions = maxPositions;
        this.promptLength = promptLength;
    }

    /** @param gates every adapter's on/off switch; those not in {@code active} are fed false */
    Feed build(Batch batch, boolean training, Map<String, Operand<TBool>> gates, Collection<String> active) {
        validate(batch);
        Feed feed = new Feed();
        try {
            Shape shape = Shape.of(batch.size(), batch.length());
            feed.put(inputs.inputIds(), ints(shape, batch.inputIds()));
            feed.put(inputs.attentionMask(), ints(shape, batch.attentionMask()));
            int[] types = batch.tokenTypeIds() != null ? batch.tokenTypeIds() : new int[batch.inputIds().length];
            feed.put(inputs.tokenTypeIds(), ints(shape, types));
            if (batch.labels() != null) {
                feed.put(inputs.labels(), labels(batch));
            }
            feed.put(inputs.training(), TBool.scalarOf(training));
            gates.forEach((adapter, gate) -> {
                if (!active.contains(adapter)) {
                    feed.put(gate, TBool.scalarOf(false));
                }
            });
            return feed;
        } catch (RuntimeException e) {
            feed.close();
            throw e;
        }
    }

    private void validate(Batch batch) {
        if (batch.length() + promptLength > maxPositions) {
            throw new IllegalArgumentException("sequences of " + batch.length() + " tokens"
                    + (promptLength > 0 ? " plus " + promptLength + " virtual tokens" : "")
                    + " exceed the model's " + maxPositions + " positions; truncate them to "
                    + (maxPositions - promptLength) + " tokens");
        }
        int[] ids = batch.inputIds();
        int[] mask = batch.attentionMask();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocabSize) {
                throw new IllegalArgumentException("inputIds" + at(batch, i) + " = " + ids[i]
                        + " is outside the vocabulary [0, " + vocabSize + "); the tokenizer must match the model");
            }
            if (mask[i] != 0 && mask[i] != 1) {
                throw new IllegalArgumentException("attentionMask" + at(batch, i) + " = " + mask[i]
                        + " must be 0 or 1");
            }
        }
    }

    private Tensor labels(Batch batch) {
        Labels labels = batch.labels();
        switch (head.type()) {
            case CAUSAL_LM, MASKED_LM -> {
                int[] tokens = requireKind(labels, Labels.Tokens.class).values();
                checkLength(tokens.length, batch.size() * batch.length(), "token labels (size x length)");
                for (int i = 0; i < tokens.length; i++) {
                    if (tokens[i] != Head.IGNORE_INDEX && (tokens[i] < 0 || tokens[i] >= vocabSize)) {
                        throw new IllegalArgumentException("labels" + at(batch, i) + " = " + tokens[i]
                                + " is neither a token id in [0, " + vocabSize + ") nor " + Head.IGNORE_INDEX
                                + " (ignored)");
                    }
                }
                return ints(Shape.of(batch.size(), batch.length()), tokens);
            }
            case SEQUENCE_CLASSIFICATION -> {
                int[] classes = requireKind(labels, Labels.Classes.class).values();
                checkLength(classes.length, batch.size(), "class labels (one per sequence)");
                for (int i = 0; i < classes.length; i++) {
                    if (classes[i] < 0 || classes[i] >= head.numLabels()) {
                        throw new IllegalArgumentException("label of sequence " + i + " = " + classes[i]
                                + " is not a class in [0, " + head.numLabels() + ")");
                    }
                }
                return ints(Shape.of(batch.size()), classes);
            }
            case REGRESSION -> {
                float[] targets = requireKind(labels, Labels.Targets.class).values();
                checkLength(targets.length, batch.size(), "regression targets (one per sequence)");
                for (int i = 0; i < targets.length; i++) {
                    if (!Float.isFinite(targets[i])) {
                        throw new IllegalArgumentException("target of sequence " + i + " is " + targets[i]);
                    }
                }
                return TFloat32.tensorOf(Shape.of(batch.size()), DataBuffers.of(targets, true, false));
            }
            default -> throw new IllegalStateException("unreachable");
        }
    }

    private <L extends Labels> L requireKind(Labels labels, Class<L> kind) {
        if (!kind.isInstance(labels)) {
            throw new IllegalArgumentException("a " + head.type() + " head takes Labels." + kind.getSimpleName()
                    + " but the batch carries Labels." + labels.getClass().getSimpleName());
        }
        return kind.cast(labels);
    }

    private static void checkLength(int actual, int expected, String what) {
        if (actual != expected) {
            throw new IllegalArgumentException("the batch needs " + expected + " " + what + " but has " + actual);
        }
    }

    private static String at(Batch batch, int flatIndex) {
        return "[row " + flatIndex / batch.length() + ", position " + flatIndex % batch.length() + "]";
    }

    private static TInt32 ints(Shape shape, int[] values) {
        return TInt32.tensorOf(shape, DataBuffers.of(values, true, false));
    }
}
