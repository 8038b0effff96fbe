package dev.peft4j.bench.torch;

import static dev.peft4j.bench.model.GptLayout.bias;
import static dev.peft4j.bench.model.GptLayout.block;
import static dev.peft4j.bench.model.GptLayout.loraA;
import static dev.peft4j.bench.model.GptLayout.loraB;
import static dev.peft4j.bench.model.GptLayout.weight;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.internal.NDArrayEx;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import dev.peft4j.bench.model.GptLayout;
import dev.peft4j.bench.model.GptShape;
import dev.peft4j.bench.model.LoraTarget;
import dev.peft4j.bench.model.Task;
import java.util.Map;

/**
 * The benchmark's decoder in PyTorch eager ops through DJL, written the way a PyTorch user would: F.embedding,
 * F.layer_norm, F.linear on GPT-2's [in, out] weights (a transposed view, so addmm with no copy), q, k, v split from the
 * fused c_attn output (views), torch.matmul attention,
 * F.gelu, log_softmax + gather. Constants are persistent 0-d tensors: DJL 0.36's {@code mul(Number)} family wraps a
 * temporary buffer that autograd may read after it is freed.
 */
final class TorchGpt {

    private static final float LAYER_NORM_EPSILON = 1e-5f;
    private static final float MASKED = -1e9f;

    private final GptShape shape;
    private final Task task;
    private final Map<String, NDArray> params;
    private final NDArray attentionScale;
    private final NDArray loraScale;
    private final NDArray mask;

    TorchGpt(NDManager manager, GptShape shape, Task task, Map<String, NDArray> params) {
        this.shape = shape;
        this.task = task;
        this.params = params;
        this.attentionScale = manager.create((float) (1 / Math.sqrt(shape.headDim())));
        this.loraScale = manager.create(shape.loraScale());
        this.mask = causalMask(manager, shape.seqLen());
    }

    /** Logits [batch, seq, vocab] for token ids [batch, seq] (int64). */
    NDArray logits(NDArray inputs) {
        NDArray wte = params.get(GptLayout.TOKEN_EMBEDDING);
        NDArray x = wte.getNDArrayInternal().embedding(inputs, wte, SparseFormat.DENSE).singletonOrThrow()
                .add(params.get(GptLayout.POSITION_EMBEDDING));
        for (int l = 0; l < shape.layers(); l++) {
            x = x.add(attention(l, layerNorm(x, block(l, "ln_1"))));
            x = x.add(mlp(l, layerNorm(x, block(l, "ln_2"))));
        }
        return layerNorm(x, GptLayout.FINAL_NORM).matMul(wte.transpose());
    }

    /** Mean next-token cross-entropy: -mean(log_softmax(logits)[label]). Labels are int64 [batch, seq]. */
    static NDArray loss(NDArray logits, NDArray labels) {
        return logits.logSoftmax(-1).gather(labels.expandDims(-1), -1).mean().neg();
    }

    private NDArray attention(int layer, NDArray h) {
        NDList qkv = projection(h, block(layer, GptLayout.QKV)).split(3, 2); // DJL wants a non-negative axis
        NDArray q = qkv.get(0);
        NDArray v = qkv.get(2);
        if (task.usesLora() && shape.loraTarget() == LoraTarget.QV) {
            q = q.add(loraUpdate(h, block(layer, GptLayout.QUERY)));
            v = v.add(loraUpdate(h, block(layer, GptLayout.VALUE)));
        }
        NDArray scores = heads(q).matMul(heads(qkv.get(1)).transpose(0, 1, 3, 2)).mul(attentionScale).add(mask);
        NDArray context = scores.softmax(-1).matMul(heads(v)).transpose(0, 2, 1, 3)
                .reshape(shape.batch(), shape.seqLen(), shape.hidden());
        return projection(context, block(layer, GptLayout.ATTENTION_OUT));
    }

    private NDArray mlp(int layer, NDArray h) {
        NDArray hidden = projection(h, block(layer, GptLayout.MLP_IN));
        return projection(hidden.getNDArrayInternal().gelu(), block(layer, GptLayout.MLP_OUT));
    }

    /** F.linear on the transposed [in, out] weight, plus the LoRA update when LoRA sits on this whole projection. */
    private NDArray projection(NDArray x, String prefix) {
        NDArrayEx ex = x.getNDArrayInternal();
        NDArray y = ex.linear(x, params.get(weight(prefix)).transpose(), params.get(bias(prefix))).singletonOrThrow();
        if (task.usesLora() && shape.loraTarget() == LoraTarget.C_ATTN && prefix.endsWith(GptLayout.QKV)) {
            y = y.add(loraUpdate(x, prefix));
        }
        return y;
    }

    /** {@code (x A) B * alpha/r}. */
    private NDArray loraUpdate(NDArray x, String prefix) {
        return x.matMul(params.get(loraA(prefix))).matMul(params.get(loraB(prefix))).mul(loraScale);
    }

    private NDArray heads(NDArray x) {
        return x.reshape(shape.batch(), shape.seqLen(), shape.heads(), shape.headDim()).transpose(0, 2, 1, 3);
    }

    private NDArray layerNorm(NDArray x, String prefix) {
        return x.getNDArrayInternal()
                .layerNorm(x, new Shape(shape.hidden()), params.get(weight(prefix)), params.get(bias(prefix)),
                        LAYER_NORM_EPSILON)
                .singletonOrThrow();
    }

    private static NDArray causalMask(NDManager manager, int t) {
        float[] mask = new float[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = i + 1; j < t; j++) {
                mask[i * t + j] = MASKED;
            }
        }
        return manager.create(mask, new Shape(t, t));
    }
}
