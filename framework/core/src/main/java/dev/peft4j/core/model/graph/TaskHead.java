package dev.peft4j.core.model.graph;

import dev.peft4j.core.gradient.CrossEntropy;
import dev.peft4j.core.model.Head;
import dev.peft4j.core.model.layers.BuildContext;
import dev.peft4j.core.model.weights.WeightRegistry;
import dev.peft4j.spi.FloatTensor;
import java.util.List;
import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TNumber;

/** The task head: its weights, logits and loss. */
public final class TaskHead {

    /** Groups of tokens the causal-LM loss is taken in under gradient checkpointing: a quarter of the logits each. */
    static final int CHECKPOINTED_LOSS_CHUNKS = 4;

    /**
     * @param logits     [B, T, vocab], [B, numLabels] or [B, 1]
     * @param loss       scalar mean loss over the counted items
     * @param lossWeight scalar number of counted items (tokens with a label, or rows), for weighting accumulated steps
     */
    public record Outputs(Operand<TFloat32> logits, Operand<TFloat32> loss, Operand<TFloat32> lossWeight) {
    }

    private final Architecture arch;
    private final Head head;
    private final float[] classWeights;
    private WeightRegistry registry;
    private Operand<TFloat32> weight;
    private Operand<TFloat32> bias;

    public TaskHead(Architecture arch, Head head) {
        this(arch, head, null);
    }

    /**
     * @param classWeights loss weight per class of a classification head (PyTorch's {@code CrossEntropyLoss(weight)}:
     *                     the loss is the weighted mean over rows), or null for the plain mean
     */
    public TaskHead(Architecture arch, Head head, float[] classWeights) {
        if (classWeights != null && (head.type() != Head.Type.SEQUENCE_CLASSIFICATION
                || classWeights.length != head.numLabels())) {
            throw new IllegalArgumentException("class weights need a classification head with one weight per class;"
                    + " got " + classWeights.length + " weights for a " + head.type() + " head with "
                    + head.numLabels() + " outputs");
        }
        this.arch = arch;
        this.head = head;
        this.classWeights = classWeights == null ? null : classWeights.clone();
    }

    /**
     * Declares a classification or regression head's trainable weights ({@code classifier.*} or {@code score.*}),
     * initialised as Hugging Face does: normal(0, initializer_range) weights, zero bias. A checkpoint that already
     * holds them with matching shapes (a fine-tuned classifier) provides their values instead.
     */
    public void declare(WeightRegistry weights, long seed) {
        this.registry = weights;
        if (head.predictsTokens()) {
            return;
        }
        Architecture.ClassifierLayout layout = arch.classifierLayout();
        int hidden = arch.config().hiddenSize();
        Random random = new Random(seed);
        float[] w = new float[head.numLabels() * hidden];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (random.nextGaussian() * arch.config().initializerRange());
        }
        weight = weights.head(layout.module() + ".weight", new FloatTensor(new long[] {head.numLabels(), hidden}, w));
        if (layout.bias()) {
            bias = weights.head(layout.module() + ".bias", FloatTensor.zeros(head.numLabels()));
        }
    }

    /**
     * The module a classification or regression head is, as Hugging Face names it ({@code classifier} or
     * {@code score}); null for a language-model head, which the architecture declares (the causal LM's output
     * embedding, BERT's {@code cls.predictions}).
     */
    public String module() {
        return head.predictsTokens() ? null : arch.classifierLayout().module();
    }

    /** The head's trainable weights ({@code classifier.weight}, {@code classifier.bias}); none for language models. */
    public List<String> weightNames() {
        if (head.predictsTokens()) {
            return List.of();
        }
        Architecture.ClassifierLayout layout = arch.classifierLayout();
        return layout.bias() ? List.of(layout.module() + ".weight", layout.module() + ".bias")
                : List.of(layout.module() + ".weight");
    }

    /**
     * @param hidden [B, T, H] hidden states of the real tokens
     * @param mask   [B, T] their mask
     */
    Outputs build(BuildContext ctx, Operand<TFloat32> hidden, Operand<TFloat32> mask,
            Operand<? extends TNumber> labels) {
        return switch (head.type()) {
            case CAUSAL_LM -> causalLm(ctx, hidden, mask, cast(ctx.tf(), labels, TInt32.class));
            case MASKED_LM -> maskedLm(ctx, hidden, cast(ctx.tf(), labels, TInt32.class));
            case SEQUENCE_CLASSIFICATION -> classification(ctx, hidden, mask, cast(ctx.tf(), labels, TInt32.class));
            case REGRESSION -> regression(ctx, hidden, mask, cast(ctx.tf(), labels, TFloat32.class));
        };
    }

    /**
     * Position t predicts label t+1. Counted are positions whose next label is not {@link Head#IGNORE_INDEX} and that
     * are real tokens themselves: a padded position sees no context (with left padding it attends to nothing), so
     * its prediction is not trained on.
     */
    private Outputs causalLm(BuildContext ctx, Operand<TFloat32> hidden, Operand<TFloat32> mask,
            Operand<TInt32> labels) {
        Ops tf = ctx.tf();
        int width = arch.config().hiddenSize();
        Operand<TInt32> shape = tf.shape(hidden);
        Operand<TFloat32> flat = tf.reshape(hidden, tf.constant(new int[] {-1, width}));
        Operand<TFloat32> weight = arch.lmHeadWeight();
        Operand<TFloat32> logits2d = ctx.compute().matMul(flat, weight, true);
        Operand<TInt32> logitsShape = tf.concat(List.of(tf.slice(shape, tf.constant(new int[] {0}),
                tf.constant(new int[] {2})), tf.constant(new int[] {arch.config().vocabSize()})), tf.constant(0));
        Operand<TFloat32> logits = tf.reshape(logits2d, logitsShape);

        // Position t predicts token t+1: shift the labels left instead of slicing the (large) logits.
        Operand<TInt32> batch = tf.gather(shape, tf.constant(0), tf.constant(0));
        Operand<TInt32> next = tf.slice(labels, tf.constant(new int[] {0, 1}), tf.constant(new int[] {-1, -1}));
        Operand<TInt32> end = tf.fill(tf.stack(List.of(batch, tf.constant(1))), tf.constant(Head.IGNORE_INDEX));
        Operand<TInt32> shifted = tf.reshape(tf.concat(List.of(next, end), tf.constant(1)),
                tf.constant(new int[] {-1}));
        var counted = tf.math.notEqual(shifted, tf.constant(Head.IGNORE_INDEX));
        Operand<TInt32> safe = tf.select(counted, shifted, tf.zerosLike(shifted));
        // With gradient checkpointing the [tokens x vocabulary] logits would be the largest activation left: the loss
        // then takes them in groups of rows, recomputed in the backward pass (logits2d is left for predictions). Not
        // when the head's weight trains: each group then adds a [vocabulary x hidden] gradient, and the executor held
        // several of them at once (GPT-2 full fine-tuning: +450 MB at the peak, where the logits saved 150 MB).
        boolean chunked = ctx.checkpoints().enabled() && !registry.trains(weight);
        Operand<TFloat32> perToken = chunked
                ? CrossEntropy.projectedInChunks(tf, flat, weight, safe, CHECKPOINTED_LOSS_CHUNKS)
                : CrossEntropy.projected(tf, logits2d, flat, weight, safe);
        Operand<TFloat32> weights = tf.math.mul(tf.dtypes.cast(counted, TFloat32.class),
                tf.reshape(mask, tf.constant(new int[] {-1})));
        Operand<TFloat32> count = tf.sum(weights, tf.constant(0));
        Operand<TFloat32> total = tf.sum(tf.math.mul(perToken, weights), tf.constant(0));
        return new Outputs(logits, tf.math.div(total, tf.math.maximum(count, tf.constant(1f))), count);
    }

    /**
     * Counted are the positions whose label is not {@link Head#IGNORE_INDEX} (the masked ones; the data never masks
     * padding). The transform runs for every position, which the full logits need; the vocabulary projection, the
     * largest matmul of the step, runs in the loss for the counted positions alone.
     */
    private Outputs maskedLm(BuildContext ctx, Operand<TFloat32> hidden, Operand<TInt32> labels) {
        Ops tf = ctx.tf();
        MaskedLmHead mlm = arch.maskedLmHead();
        Operand<TInt32> shape = tf.shape(hidden);
        Operand<TFloat32> flat = tf.reshape(hidden, tf.constant(new int[] {-1, arch.config().hiddenSize()}));
        Operand<TFloat32> transformed = mlm.transform(ctx, flat);
        Operand<TInt32> logitsShape = tf.concat(List.of(tf.slice(shape, tf.constant(new int[] {0}),
                tf.constant(new int[] {2})), tf.constant(new int[] {arch.config().vocabSize()})), tf.constant(0));
        Operand<TFloat32> logits = tf.reshape(mlm.logits(ctx, transformed), logitsShape);

        Operand<TInt32> flatLabels = tf.reshape(labels, tf.constant(new int[] {-1}));
        // Where only picks indices from the labels: it is not on the gradient path
        Operand<TInt64> counted = tf.reshape(tf.where(tf.math.notEqual(flatLabels, tf.constant(Head.IGNORE_INDEX))),
                tf.constant(new int[] {-1}));
        Operand<TFloat32> selected = mlm.logits(ctx, tf.gather(transformed, counted, tf.constant(0)));
        Operand<TInt32> targets = tf.gather(flatLabels, counted, tf.constant(0));
        Operand<TFloat32> perToken = CrossEntropy.perRow(tf, selected, targets);
        Operand<TFloat32> count = tf.dtypes.cast(tf.size(counted), TFloat32.class);
        Operand<TFloat32> total = tf.sum(perToken, tf.constant(0));
        return new Outputs(logits, tf.math.div(total, tf.math.maximum(count, tf.constant(1f))), count);
    }

    private Outputs classification(BuildContext ctx, Operand<TFloat32> hidden, Operand<TFloat32> mask,
            Operand<TInt32> labels) {
        Ops tf = ctx.tf();
        Operand<TFloat32> logits = classifierLogits(ctx, hidden, mask);
        Operand<TFloat32> perRow = CrossEntropy.perRow(tf, logits, labels);
        if (classWeights == null) {
            return new Outputs(logits, tf.math.mean(perRow, tf.constant(0)), rows(tf, logits));
        }
        // Each row counts with its class's weight; the weight total is what accumulated batches are weighted by.
        Operand<TFloat32> weights = tf.gather(tf.constant(classWeights), labels, tf.constant(0));
        Operand<TFloat32> total = tf.sum(weights, tf.constant(0));
        Operand<TFloat32> loss = tf.math.div(tf.sum(tf.math.mul(perRow, weights), tf.constant(0)), total);
        return new Outputs(logits, loss, total);
    }

    private Outputs regression(BuildContext ctx, Operand<TFloat32> hidden, Operand<TFloat32> mask,
            Operand<TFloat32> targets) {
        Ops tf = ctx.tf();
        Operand<TFloat32> logits = classifierLogits(ctx, hidden, mask);
        Operand<TFloat32> predictions = tf.reshape(logits, tf.constant(new int[] {-1}));
        Operand<TFloat32> loss = tf.math.mean(tf.math.squaredDifference(predictions, targets), tf.constant(0));
        return new Outputs(logits, loss, rows(tf, logits));
    }

    private Operand<TFloat32> classifierLogits(BuildContext ctx, Operand<TFloat32> hidden, Operand<TFloat32> mask) {
        Operand<TFloat32> pooled = ctx.dropout().apply(arch.pool(ctx, hidden, mask), arch.config().classifierDropout());
        Operand<TFloat32> logits = ctx.compute().matMul(pooled, weight, true);
        return bias == null ? logits : ctx.tf().nn.biasAdd(logits, bias);
    }

    private static Operand<TFloat32> rows(Ops tf, Operand<TFloat32> logits) {
        return tf.dtypes.cast(tf.gather(tf.shape(logits), tf.constant(0), tf.constant(0)), TFloat32.class);
    }

    @SuppressWarnings("unchecked")
    private static <T extends TNumber> Operand<T> cast(Ops tf, Operand<? extends TNumber> labels, Class<T> type) {
        return labels.type() == type ? (Operand<T>) labels : tf.dtypes.cast(labels, type);
    }
}
