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
import java.util.Map;

/**
 * The GPT-2-shaped decoder in PyTorch eager ops through DJL, written the way a PyTorch user would: F.embedding,
 * F.layer_norm, F.linear on GPT-2's [in, out] weights (a transposed view, so addmm with no copy), q, k, v split from the
 * fused c_attn output (views), LoRA on c_attn as PEFT computes it ({@code x A^T B^T * alpha/r}), torch.matmul
 * attention, F.gelu, and Hugging Face's causal-LM loss (log_softmax + gather, the last position of each row unscored).
 * Constants are persistent tensors: DJL 0.36's {@code mul(Number)} family wraps a temporary buffer that autograd may
 * read after it is freed.
 */
final class TorchGpt implements TorchModel {

    private static final float LAYER_NORM_EPSILON = 1e-5f;
    private static final float MASKED = -1e9f;

    private final GptShape shape;
    private final boolean lora;
    private final Map<String, NDArray> params;
    private final NDArray attentionScale;
    private final NDArray loraScale;
    private final NDArray mask;
    /** [batch, seq, 1]: 1 where a position is scored, 0 on the last position of each row. */
    private final NDArray scored;
    /** -1 / (number of scored positions). */
    private final NDArray negativeMean;

    TorchGpt(NDManager manager, GptShape shape, boolean lora, Map<String, NDArray> params) {
        this.shape = shape;
        this.lora = lora;
        this.params = params;
        this.attentionScale = manager.create((float) (1 / Math.sqrt(shape.headDim())));
        this.loraScale = manager.create(shape.loraScale());
        this.mask = causalMask(manager, shape.seqLen());
        this.scored = scoredPositions(manager, shape.batch(), shape.seqLen());
        this.negativeMean = manager.create(-1f / ((long) shape.batch() * (shape.seqLen() - 1)));
    }

    /** Logits [batch, seq, vocab] for token ids [batch, seq] (int64). */
    @Override
    public NDArray logits(NDArray inputs) {
        NDArray wte = params.get(GptLayout.TOKEN_EMBEDDING);
        NDArray x = wte.getNDArrayInternal().embedding(inputs, wte, SparseFormat.DENSE).singletonOrThrow()
                .add(params.get(GptLayout.POSITION_EMBEDDING));
        for (int l = 0; l < shape.layers(); l++) {
            x = x.add(attention(l, layerNorm(x, block(l, "ln_1"))));
            x = x.add(mlp(l, layerNorm(x, block(l, "ln_2"))));
        }
        return layerNorm(x, GptLayout.FINAL_NORM).matMul(wte.transpose());
    }

    /** Mean next-token cross-entropy over the scored positions: position t predicts {@code labels[t]}. */
    @Override
    public NDArray loss(NDArray logits, NDArray labels) {
        NDArray picked = logits.logSoftmax(-1).gather(labels.expandDims(-1), -1);
        return picked.mul(scored).sum().mul(negativeMean);
    }

    private NDArray attention(int layer, NDArray h) {
        String qkvModule = block(layer, GptLayout.QKV);
        NDArray fused = projection(h, qkvModule);
        if (lora) {
            fused = fused.add(loraUpdate(h, qkvModule));
        }
        NDList qkv = fused.split(3, 2); // DJL wants a non-negative axis
        NDArray scores = heads(qkv.get(0)).matMul(heads(qkv.get(1)).transpose(0, 1, 3, 2)).mul(attentionScale).add(mask);
        NDArray context = scores.softmax(-1).matMul(heads(qkv.get(2))).transpose(0, 2, 1, 3)
                .reshape(shape.batch(), shape.seqLen(), shape.hidden());
        return projection(context, block(layer, GptLayout.ATTENTION_OUT));
    }

    private NDArray mlp(int layer, NDArray h) {
        NDArray hidden = projection(h, block(layer, GptLayout.MLP_IN));
        return projection(hidden.getNDArrayInternal().gelu(), block(layer, GptLayout.MLP_OUT));
    }

    /** F.linear on the transposed [in, out] weight. */
    private NDArray projection(NDArray x, String prefix) {
        NDArrayEx ex = x.getNDArrayInternal();
        return ex.linear(x, params.get(weight(prefix)).transpose(), params.get(bias(prefix))).singletonOrThrow();
    }

    /** PEFT's {@code x A^T B^T * alpha/r} with A [r, in] and B [out, r]. */
    private NDArray loraUpdate(NDArray x, String module) {
        return x.matMul(params.get(loraA(module)).transpose()).matMul(params.get(loraB(module)).transpose())
                .mul(loraScale);
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

    private static NDArray scoredPositions(NDManager manager, int batch, int t) {
        float[] scored = new float[batch * t];
        for (int i = 0; i < scored.length; i++) {
            scored[i] = i % t == t - 1 ? 0f : 1f;
        }
        return manager.create(scored, new Shape(batch, t, 1));
    }
}
