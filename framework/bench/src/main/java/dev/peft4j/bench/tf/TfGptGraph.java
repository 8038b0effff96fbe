package dev.peft4j.bench.tf;

import static dev.peft4j.bench.model.GptLayout.bias;
import static dev.peft4j.bench.model.GptLayout.block;
import static dev.peft4j.bench.model.GptLayout.loraA;
import static dev.peft4j.bench.model.GptLayout.loraB;
import static dev.peft4j.bench.model.GptLayout.weight;

import dev.peft4j.bench.model.GptLayout;
import dev.peft4j.bench.model.GptShape;
import dev.peft4j.bench.model.Task;
import dev.peft4j.bench.model.TensorSpec;
import java.util.List;
import java.util.function.Predicate;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.nn.SoftmaxCrossEntropyWithLogits;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The benchmark's GPT-2-shaped decoder as a TensorFlow graph: the forward pass, the mean next-token cross-entropy and,
 * for inference, the arg-max prediction. Activations are kept 2-D [batch*seq, hidden] between attention blocks so every
 * projection is one MatMul + BiasAdd (which oneDNN fuses); q, k and v are split from the fused c_attn projection.
 */
final class TfGptGraph {

    private static final float LAYER_NORM_EPSILON = 1e-5f;
    private static final float MASKED = -1e9f;

    private final Ops tf;
    private final GptShape shape;
    private final Task task;
    private final TfVariables variables;

    final Placeholder<TInt32> inputs;
    final Placeholder<TInt32> labels;
    /** Scalar mean cross-entropy over the scored positions (all but the last of each row, as Hugging Face's). */
    final Operand<TFloat32> loss;
    /** Arg-max token per position [batch*seq] (inference only, else null). */
    final Operand<TInt32> predictions;

    TfGptGraph(Ops tf, GptShape shape, Task task) {
        this.tf = tf;
        this.shape = shape;
        this.task = task;
        this.variables = declareVariables(tf, shape, task);
        this.inputs = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(shape.batch(), shape.seqLen())));
        this.labels = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(shape.batch(), shape.seqLen())));

        Operand<TFloat32> logits = logits();
        Operand<TInt32> flatLabels = tf.reshape(labels, tf.constant(new int[] {-1}));
        if (task.trains()) {
            // Fused softmax + cross-entropy; its backprop output is the gradient. (The sparse op has no gradient here.)
            Operand<TFloat32> oneHot = tf.oneHot(flatLabels, tf.constant(shape.vocab()), tf.constant(1f), tf.constant(0f));
            SoftmaxCrossEntropyWithLogits<TFloat32> ce = tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot);
            this.loss = scoredMean(ce.loss());
            this.predictions = null;
        } else {
            Operand<TFloat32> logProbs = tf.nn.logSoftmax(logits);
            Operand<TInt32> flatIndex = tf.math.add(rowOffsets(), flatLabels);
            Operand<TFloat32> picked = tf.gather(
                    tf.reshape(logProbs, tf.constant(new int[] {-1})), flatIndex, tf.constant(0));
            this.loss = tf.math.neg(scoredMean(picked));
            this.predictions = tf.math.argMax(logits, tf.constant(1), TInt32.class);
        }
    }

    TfVariables variables() {
        return variables;
    }

    /** The mean of per-position values [batch*seq] over the scored positions. */
    private Operand<TFloat32> scoredMean(Operand<TFloat32> perPosition) {
        int t = shape.seqLen();
        float[] weights = new float[shape.batch() * t];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = i % t == t - 1 ? 0f : 1f / (shape.batch() * (t - 1));
        }
        return tf.sum(tf.math.mul(perPosition, tf.constant(weights)), tf.constant(0));
    }

    /** One loading group for the embeddings, one per block (with its LoRA factors), one for the final norm. */
    private static TfVariables declareVariables(Ops tf, GptShape shape, Task task) {
        List<TensorSpec> all = GptLayout.forTask(shape, task);
        TfVariables variables = new TfVariables(tf);
        variables.addGroup(select(all, s -> !s.name().startsWith(GptLayout.PREFIX + "h.")
                && !s.name().startsWith(GptLayout.FINAL_NORM)));
        for (int l = 0; l < shape.layers(); l++) {
            String prefix = block(l, "");
            variables.addGroup(select(all, s -> s.name().startsWith(prefix)));
        }
        variables.addGroup(select(all, s -> s.name().startsWith(GptLayout.FINAL_NORM)));
        return variables;
    }

    private static List<TensorSpec> select(List<TensorSpec> all, Predicate<TensorSpec> keep) {
        return all.stream().filter(keep).toList();
    }

    private Operand<TFloat32> logits() {
        Operand<TFloat32> tokens = tf.gather(variables.get(GptLayout.TOKEN_EMBEDDING), inputs, tf.constant(0));
        Operand<TFloat32> x = tf.reshape(
                tf.math.add(tokens, variables.get(GptLayout.POSITION_EMBEDDING)),
                tf.constant(new int[] {-1, shape.hidden()}));
        Operand<TFloat32> mask = causalMask();
        for (int l = 0; l < shape.layers(); l++) {
            x = tf.math.add(x, attention(l, layerNorm(x, block(l, "ln_1")), mask));
            x = tf.math.add(x, mlp(l, layerNorm(x, block(l, "ln_2"))));
        }
        Operand<TFloat32> h = layerNorm(x, GptLayout.FINAL_NORM);
        return tf.linalg.matMul(h, variables.get(GptLayout.TOKEN_EMBEDDING), MatMul.transposeB(true));
    }

    private Operand<TFloat32> attention(int layer, Operand<TFloat32> h, Operand<TFloat32> mask) {
        List<Output<TFloat32>> qkv = tf.split(tf.constant(1), projection(h, block(layer, GptLayout.QKV)), 3L).output();
        Operand<TFloat32> scores = tf.math.add(
                tf.math.mul(tf.train.batchMatMul(heads(qkv.get(0)), heads(qkv.get(1)), TFloat32.class,
                        BatchMatMul.adjY(true)),
                        tf.constant((float) (1 / Math.sqrt(shape.headDim())))),
                mask);
        Operand<TFloat32> context = tf.train.batchMatMul(tf.nn.softmax(scores), heads(qkv.get(2)), TFloat32.class);
        Operand<TFloat32> merged = tf.reshape(
                tf.linalg.transpose(context, tf.constant(new int[] {0, 2, 1, 3})),
                tf.constant(new int[] {-1, shape.hidden()}));
        return projection(merged, block(layer, GptLayout.ATTENTION_OUT));
    }

    private Operand<TFloat32> mlp(int layer, Operand<TFloat32> h) {
        return projection(gelu(projection(h, block(layer, GptLayout.MLP_IN))), block(layer, GptLayout.MLP_OUT));
    }

    /** {@code x W + b}, plus the LoRA update when LoRA sits on this whole projection. */
    private Operand<TFloat32> projection(Operand<TFloat32> x, String prefix) {
        Operand<TFloat32> y = tf.nn.biasAdd(tf.linalg.matMul(x, variables.get(weight(prefix))), variables.get(bias(prefix)));
        if (task.usesLora() && prefix.endsWith(GptLayout.QKV)) {
            y = tf.math.add(y, loraUpdate(x, prefix));
        }
        return y;
    }

    /** PEFT's {@code x A^T B^T * alpha/r} with A [r, in] and B [out, r]. */
    private Operand<TFloat32> loraUpdate(Operand<TFloat32> x, String prefix) {
        Operand<TFloat32> update = tf.linalg.matMul(
                tf.linalg.matMul(x, variables.get(loraA(prefix)), MatMul.transposeB(true)), variables.get(loraB(prefix)),
                MatMul.transposeB(true));
        return tf.math.mul(update, tf.constant(shape.loraScale()));
    }

    /** [batch*seq, hidden] to [batch, heads, seq, headDim]. */
    private Operand<TFloat32> heads(Operand<TFloat32> x) {
        Operand<TFloat32> split = tf.reshape(
                x, tf.constant(new int[] {shape.batch(), shape.seqLen(), shape.heads(), shape.headDim()}));
        return tf.linalg.transpose(split, tf.constant(new int[] {0, 2, 1, 3}));
    }

    private Operand<TFloat32> layerNorm(Operand<TFloat32> x, String prefix) {
        Operand<TInt32> lastAxis = tf.constant(new int[] {1});
        Operand<TFloat32> centred = tf.math.sub(x, tf.math.mean(x, lastAxis, Mean.keepDims(true)));
        Operand<TFloat32> variance = tf.math.mean(tf.math.square(centred), lastAxis, Mean.keepDims(true));
        Operand<TFloat32> normed = tf.math.mul(centred, tf.math.rsqrt(tf.math.add(variance, tf.constant(LAYER_NORM_EPSILON))));
        return tf.math.add(tf.math.mul(normed, variables.get(weight(prefix))), variables.get(bias(prefix)));
    }

    /** Exact GELU: x/2 (1 + erf(x / sqrt 2)), as PyTorch's default gelu. */
    private Operand<TFloat32> gelu(Operand<TFloat32> x) {
        Operand<TFloat32> erf = tf.math.erf(tf.math.mul(x, tf.constant((float) (1 / Math.sqrt(2)))));
        return tf.math.mul(tf.math.mul(x, tf.constant(0.5f)), tf.math.add(erf, tf.constant(1f)));
    }

    /** [seq, seq], 0 on and below the diagonal, -1e9 above it (added to the scores). */
    private Operand<TFloat32> causalMask() {
        int t = shape.seqLen();
        float[][] mask = new float[t][t];
        for (int i = 0; i < t; i++) {
            for (int j = i + 1; j < t; j++) {
                mask[i][j] = MASKED;
            }
        }
        return tf.constant(mask);
    }

    /** Row r's start in the flattened [batch*seq*vocab] log-probabilities. */
    private Operand<TInt32> rowOffsets() {
        int rows = shape.batch() * shape.seqLen();
        int[] offsets = new int[rows];
        for (int r = 0; r < rows; r++) {
            offsets[r] = Math.multiplyExact(r, shape.vocab());
        }
        return tf.constant(offsets);
    }
}
