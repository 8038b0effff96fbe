package dev.peft4j.bench.torch;

import static dev.peft4j.bench.model.BertLayout.block;
import static dev.peft4j.bench.model.GptLayout.bias;
import static dev.peft4j.bench.model.GptLayout.loraA;
import static dev.peft4j.bench.model.GptLayout.loraB;
import static dev.peft4j.bench.model.GptLayout.weight;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import dev.peft4j.bench.model.BertLayout;
import dev.peft4j.bench.model.BertShape;
import java.util.Map;

/**
 * The BERT-shaped classifier in PyTorch eager ops through DJL, as Hugging Face's {@code BertForSequenceClassification}
 * computes it: word + position + token-type (all 0) embeddings and LayerNorm, post-LayerNorm blocks with F.linear on
 * [out, in] weights, LoRA on query and value ({@code x A^T B^T * alpha/r}), F.gelu; tanh pooler on [CLS], classifier,
 * mean cross-entropy. Every token is real, so there is no padding mask to add.
 */
final class TorchBert implements TorchModel {

    private final BertShape shape;
    private final Map<String, NDArray> params;
    private final NDArray attentionScale;
    private final NDArray loraScale;

    TorchBert(NDManager manager, BertShape shape, Map<String, NDArray> params) {
        this.shape = shape;
        this.params = params;
        this.attentionScale = manager.create((float) (1 / Math.sqrt(shape.headDim())));
        this.loraScale = manager.create(shape.loraScale());
    }

    /** Class logits [batch, classes] for token ids [batch, seq] (int64). */
    @Override
    public NDArray logits(NDArray inputs) {
        NDArray words = params.get(BertLayout.WORD_EMBEDDING);
        NDArray x = words.getNDArrayInternal().embedding(inputs, words, SparseFormat.DENSE).singletonOrThrow()
                .add(params.get(BertLayout.POSITION_EMBEDDING).get("0:" + shape.seqLen()))
                .add(params.get(BertLayout.TYPE_EMBEDDING).get("0:1"));
        x = layerNorm(x, BertLayout.EMBEDDING_NORM);
        for (int l = 0; l < shape.layers(); l++) {
            x = encoderBlock(l, x);
        }
        NDArray pooled = linear(x.get(":, 0, :"), BertLayout.POOLER).tanh();
        return linear(pooled, BertLayout.CLASSIFIER);
    }

    /** Mean cross-entropy of the class logits against class indices [batch]. */
    @Override
    public NDArray loss(NDArray logits, NDArray classes) {
        return logits.logSoftmax(-1).gather(classes.expandDims(-1), -1).mean().neg();
    }

    private NDArray encoderBlock(int layer, NDArray x) {
        NDArray q = adapted(x, block(layer, BertLayout.QUERY));
        NDArray k = linear(x, block(layer, BertLayout.KEY));
        NDArray v = adapted(x, block(layer, BertLayout.VALUE));
        NDArray scores = heads(q).matMul(heads(k).transpose(0, 1, 3, 2)).mul(attentionScale);
        NDArray context = scores.softmax(-1).matMul(heads(v)).transpose(0, 2, 1, 3)
                .reshape(shape.batch(), shape.seqLen(), shape.hidden());
        NDArray a = layerNorm(linear(context, block(layer, BertLayout.ATTENTION_OUT)).add(x),
                block(layer, BertLayout.ATTENTION_NORM));
        NDArray hidden = linear(a, block(layer, BertLayout.MLP_IN)).getNDArrayInternal().gelu();
        return layerNorm(linear(hidden, block(layer, BertLayout.MLP_OUT)).add(a), block(layer, BertLayout.OUTPUT_NORM));
    }

    /** A linear layer with its LoRA adapter: {@code x W^T + b + x A^T B^T * alpha/r}. */
    private NDArray adapted(NDArray x, String module) {
        NDArray update = x.matMul(params.get(loraA(module)).transpose()).matMul(params.get(loraB(module)).transpose());
        return linear(x, module).add(update.mul(loraScale));
    }

    /** F.linear on Hugging Face's [out, in] weight. */
    private NDArray linear(NDArray x, String module) {
        return x.getNDArrayInternal().linear(x, params.get(weight(module)), params.get(bias(module)))
                .singletonOrThrow();
    }

    private NDArray heads(NDArray x) {
        return x.reshape(shape.batch(), shape.seqLen(), shape.heads(), shape.headDim()).transpose(0, 2, 1, 3);
    }

    private NDArray layerNorm(NDArray x, String prefix) {
        return x.getNDArrayInternal()
                .layerNorm(x, new Shape(shape.hidden()), params.get(weight(prefix)), params.get(bias(prefix)),
                        BertShape.LAYER_NORM_EPSILON)
                .singletonOrThrow();
    }
}
