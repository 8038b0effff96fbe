package dev.peft4j.core.gradient;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TType;

/**
 * Softmax cross-entropy per row, {@code logsumexp(logits_i) - logits_i[label_i]}, built from kernels that are fast on a
 * language model's [tokens x vocabulary] logits. TensorFlow's {@code SparseSoftmaxCrossEntropyWithLogits} CPU kernel
 * evaluates per-element expressions: on GPT-2's 1024 x 50,257 logits it took as long as 4-5 full passes. Here the
 * softmax is one {@code Softmax} (oneDNN's kernel on CPU) and the log-sum-exp comes from it without another pass over
 * exponentials: the row's largest probability is {@code 1 / sum_j exp(logits_ij - max_i)}, so
 * {@code logsumexp_i = max_i - log(max_j p_ij)}. That probability is at least 1/C, so the log is exact to float
 * precision however far the label's logit lies below the maximum (where {@code -log(p_label)} would underflow).
 *
 * <p>The value is built behind a {@code StopGradient} and passed, with the logits, the softmax and the labels,
 * through an {@code IdentityN} named {@code softmax_cross_entropy}, whose Java gradient ({@link IdentityNGradient})
 * is {@code (softmax - one_hot(label)) * dloss_i}: the softmax is what the backward pass keeps, as the fused op kept
 * its backprop output.
 */
public final class CrossEntropy {

    static final String NAME_PREFIX = "softmax_cross_entropy";
    /** The op names {@link Ops#withName} gives: {@code softmax_cross_entropy}, {@code softmax_cross_entropy_1}, ... */
    static final Pattern NAME = Pattern.compile("(?:.*/)?softmax_cross_entropy(?:_\\d+)?");
    static final String PROJECTED_PREFIX = "projected_cross_entropy";
    static final Pattern PROJECTED_NAME = Pattern.compile("(?:.*/)?projected_cross_entropy(?:_\\d+)?");

    static final String CHUNKED_PREFIX = "chunked_cross_entropy_";
    /** {@code chunked_cross_entropy_<chunks>}, then {@code _1}, {@code _2}, ... as {@link Ops#withName} numbers. */
    static final Pattern CHUNKED_NAME = Pattern.compile("(?:.*/)?chunked_cross_entropy_(\\d+)(?:_\\d+)?");

    private CrossEntropy() {
    }

    /**
     * @param logits [N, C]
     * @param labels [N], each in [0, C); a label outside fails the run, with the labels in the message
     * @return the loss of each row [N]
     */
    public static Operand<TFloat32> perRow(Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels) {
        CustomGradients.requireRegistered(IdentityNGradient.OP_TYPE, "the softmax cross-entropy");
        Forward forward = forward(tf, logits, labels);
        List<Output<?>> passed = tf.withName(NAME_PREFIX).identityN(List.of(tf.stopGradient(forward.loss()), logits,
                tf.stopGradient(forward.probabilities()), labels)).output();
        return passed.get(0).expect(TFloat32.class);
    }

    /**
     * The cross-entropy of a projection {@code logits = hidden · weightᵀ} (a language model's head), differentiated
     * straight to {@code hidden} and {@code weight}: the backward pass does not hold the logits, so the softmax
     * overwrites their buffer in place, and the head's peak memory is one [N x C] tensor (as with TensorFlow's fused
     * op), not two. The backward products run in fp32 whatever the forward's precision.
     *
     * @param logits {@code hidden · weightᵀ} [N, C], as the caller computed it (and may fetch for predictions)
     * @param hidden [N, H]
     * @param weight [C, H]
     * @param labels [N], each in [0, C)
     * @return the loss of each row [N]
     */
    public static Operand<TFloat32> projected(Ops tf, Operand<TFloat32> logits, Operand<TFloat32> hidden,
            Operand<TFloat32> weight, Operand<TInt32> labels) {
        CustomGradients.requireRegistered(IdentityNGradient.OP_TYPE, "the softmax cross-entropy");
        Forward forward = forward(tf, logits, labels);
        List<Output<?>> passed = tf.withName(PROJECTED_PREFIX).identityN(List.of(tf.stopGradient(forward.loss()),
                hidden, weight, tf.stopGradient(forward.probabilities()), labels)).output();
        return passed.get(0).expect(TFloat32.class);
    }

    /**
     * {@link #projected} over {@code chunks} consecutive groups of rows, one group after the other, with each group's
     * logits computed again in the backward pass: the head holds one group's [N/chunks x C] logits at a time rather
     * than all N rows', for one more [N x H] x [H x C] product. For gradient checkpointing, where the logits are the
     * largest activation left. The products run in fp32. Meant for a frozen weight: a trained one gets a [C, H]
     * gradient from every group, and TensorFlow's executor may hold several of them at once.
     *
     * @param hidden [N, H]
     * @param weight [C, H]
     * @param labels [N], each in [0, C)
     * @return the loss of each row [N]
     */
    public static Operand<TFloat32> projectedInChunks(Ops tf, Operand<TFloat32> hidden, Operand<TFloat32> weight,
            Operand<TInt32> labels, int chunks) {
        if (chunks < 1) {
            throw new IllegalArgumentException("chunks must be at least 1 but is " + chunks);
        }
        CustomGradients.requireRegistered(IdentityNGradient.OP_TYPE, "the softmax cross-entropy");
        List<Operand<TFloat32>> rows = rowChunks(tf, hidden, chunks);
        List<Operand<TInt32>> rowLabels = rowChunks(tf, labels, chunks);
        List<Operand<TFloat32>> losses = new ArrayList<>();
        for (int k = 0; k < chunks; k++) {
            // A group's product waits for the previous group's loss, so its logits are gone first.
            Ops after = k == 0 ? tf : tf.withControlDependencies(List.of(losses.get(k - 1)));
            Operand<TFloat32> logits = after.linalg.matMul(rows.get(k), weight, MatMul.transposeB(true));
            losses.add(forward(tf, logits, rowLabels.get(k)).loss());
        }
        List<Output<?>> passed = tf.withName(CHUNKED_PREFIX + chunks).identityN(List.of(
                tf.stopGradient(joined(tf, losses)), hidden, weight, labels)).output();
        return passed.get(0).expect(TFloat32.class);
    }

    /**
     * The gradients of {@link #projectedInChunks}, group by group: each group's logits and softmax are computed again,
     * once the previous group's gradient (for the first, the incoming gradient) exists.
     */
    static ProjectionGradients chunkedGradients(Ops tf, Operand<TFloat32> lossGradient, Operand<TFloat32> hidden,
            Operand<TFloat32> weight, Operand<TInt32> labels, int chunks) {
        List<Operand<TFloat32>> rows = rowChunks(tf, hidden, chunks);
        List<Operand<TFloat32>> rowGradients = rowChunks(tf, lossGradient, chunks);
        List<Operand<TInt32>> rowLabels = rowChunks(tf, labels, chunks);
        List<Operand<TFloat32>> dHidden = new ArrayList<>();
        // Built only when the weight trains, which this form is not meant for (see projectedInChunks).
        Operand<TFloat32> dWeight = null;
        Operand<?> previous = lossGradient;
        for (int k = 0; k < chunks; k++) {
            Operand<TFloat32> h = after(tf, previous, rows.get(k));
            Operand<TFloat32> probabilities = tf.nn.softmax(tf.linalg.matMul(h, weight, MatMul.transposeB(true)));
            ProjectionGradients d = projectionGradients(tf, rowGradients.get(k), h, weight, probabilities,
                    rowLabels.get(k));
            dHidden.add(d.hidden());
            dWeight = dWeight == null ? d.weight() : tf.math.add(dWeight, d.weight());
            previous = d.hidden();
        }
        return new ProjectionGradients(joined(tf, dHidden), dWeight);
    }

    /** The groups' rows back in one tensor (ConcatV2 takes at least two). */
    private static Operand<TFloat32> joined(Ops tf, List<Operand<TFloat32>> groups) {
        return groups.size() == 1 ? groups.get(0) : tf.concat(groups, tf.constant(0));
    }

    /** Splits the rows of x into {@code chunks} consecutive groups: N / chunks rows each, the rest in the last. */
    private static <T extends TType> List<Operand<T>> rowChunks(Ops tf, Operand<T> x, int chunks) {
        Operand<TInt32> n = tf.gather(tf.shape(x), tf.constant(0), tf.constant(0));
        Operand<TInt32> size = tf.math.floorDiv(n, tf.constant(chunks));
        Operand<TInt32> last = tf.math.sub(n, tf.math.mul(size, tf.constant(chunks - 1)));
        Operand<TInt32> sizes = tf.concat(List.of(tf.fill(tf.constant(new int[] {chunks - 1}), size),
                tf.reshape(last, tf.constant(new int[] {1}))), tf.constant(0));
        List<Operand<T>> out = new ArrayList<>();
        tf.splitV(x, sizes, tf.constant(0), (long) chunks).output().forEach(out::add);
        return out;
    }

    /**
     * {@code x} once {@code gate} exists. TensorFlow Java 1.1.0's native gradient scope does not apply a scope's
     * control dependencies; one added to an op's builder it does.
     */
    private static <T extends TType> Operand<T> after(Ops tf, Operand<?> gate, Operand<T> x) {
        @SuppressWarnings("unchecked")
        Operand<T> gated = (Operand<T>) tf.scope().opBuilder("Identity", "after").addInput(x.asOutput())
                .addControlInput(gate.op()).build().output(0);
        return gated;
    }

    private record Forward(Operand<TFloat32> loss, Operand<TFloat32> probabilities) {
    }

    private static Forward forward(Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels) {
        Operand<TInt32> lastAxis = tf.constant(-1);
        Operand<TFloat32> max = tf.max(logits, lastAxis);
        Operand<TFloat32> picked = tf.gather(tf.reshape(logits, tf.constant(new int[] {-1})),
                checkedFlatIndex(tf, logits, labels), tf.constant(0));
        // The softmax reads the logits last, so that it may take over their buffer.
        Operand<TFloat32> probabilities = tf.withControlDependencies(List.of(max, picked)).nn.softmax(logits);
        Operand<TFloat32> logSumExp = tf.math.sub(max, tf.math.log(tf.max(probabilities, lastAxis)));
        return new Forward(tf.math.sub(logSumExp, picked), probabilities);
    }

    /**
     * row · C + label for each row: the label's position in the flattened [N·C] logits. Checked here, in the forward
     * pass, that every label is in [0, C): the gather would otherwise read another row's logit.
     */
    private static Operand<TInt32> checkedFlatIndex(Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels) {
        Operand<TInt32> classes = tf.gather(tf.shape(logits), tf.constant(1), tf.constant(0));
        Operand<TInt32> inRange = tf.withControlDependencies(List.of(tf.assertThat(
                tf.reduceAll(tf.math.logicalAnd(tf.math.greaterEqual(labels, tf.constant(0)),
                        tf.math.less(labels, classes)), tf.constant(0)),
                List.of(tf.constant("softmax cross-entropy: a label is outside [0, classes): class labels must"
                                + " be indices of the head's classes, token labels ids below the vocabulary size;"
                                + " labels:"),
                        labels, tf.constant("classes:"), classes)))).identity(labels);
        return flatIndex(tf, logits, inRange);
    }

    /** The same without the check, for the backward pass (the forward pass has checked these labels). */
    private static Operand<TInt32> flatIndex(Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels) {
        Operand<TInt32> shape = tf.shape(logits);
        Operand<TInt32> classes = tf.gather(shape, tf.constant(1), tf.constant(0));
        Operand<TInt32> rows = tf.range(tf.constant(0), tf.gather(shape, tf.constant(0), tf.constant(0)),
                tf.constant(1));
        return tf.math.add(tf.math.mul(rows, classes), labels);
    }

    record ProjectionGradients(Operand<TFloat32> hidden, Operand<TFloat32> weight) {
    }

    /**
     * With d logits = g·(softmax - one_hot): d hidden = (g·softmax)·weight - g·weight[label] and d weight =
     * (g·softmax)ᵀ·hidden - (g·hidden summed into each label's row). The one-hot part is taken through the products
     * (a gather and a segment sum over [N, H]) rather than subtracted from the [N, C] tensor: TensorFlow's scatter
     * would copy that tensor, and g·softmax overwrites the softmax in place.
     */
    static ProjectionGradients projectionGradients(Ops tf, Operand<TFloat32> lossGradient, Operand<TFloat32> hidden,
            Operand<TFloat32> weight, Operand<TFloat32> probabilities, Operand<TInt32> labels) {
        Operand<TFloat32> rowGradient = tf.expandDims(lossGradient, tf.constant(-1));
        Operand<TFloat32> scaled = tf.math.mul(probabilities, rowGradient);
        Operand<TFloat32> dHidden = tf.math.sub(tf.linalg.matMul(scaled, weight),
                tf.math.mul(rowGradient, tf.gather(weight, labels, tf.constant(0))));
        Operand<TInt32> classes = tf.gather(tf.shape(weight), tf.constant(0), tf.constant(0));
        Operand<TFloat32> dWeight = tf.math.sub(tf.linalg.matMul(scaled, hidden, MatMul.transposeA(true)),
                tf.math.unsortedSegmentSum(tf.math.mul(rowGradient, hidden), labels, classes));
        return new ProjectionGradients(dHidden, dWeight);
    }

    /** d loss_i / d logits_i = softmax_i - one_hot(label_i), scaled by each row's incoming gradient. */
    static Operand<TFloat32> logitsGradient(Ops tf, Operand<TFloat32> lossGradient, Operand<TFloat32> probabilities,
            Operand<TInt32> labels) {
        Operand<TFloat32> scaled = tf.math.mul(probabilities, tf.expandDims(lossGradient, tf.constant(-1)));
        Operand<TFloat32> flat = tf.reshape(scaled, tf.constant(new int[] {-1}));
        Operand<TInt32> at = tf.expandDims(flatIndex(tf, probabilities, labels), tf.constant(-1));
        return tf.reshape(tf.tensorScatterNdSub(flat, at, lossGradient), tf.shape(probabilities));
    }
}
