package dev.peft4j.testkit.model;

import dev.peft4j.core.model.config.BertConfig;
import dev.peft4j.core.model.config.Gpt2Config;
import dev.peft4j.core.model.config.LlamaConfig;
import dev.peft4j.core.model.config.ModelConfig;
import dev.peft4j.spi.FloatTensor;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Random checkpoints in the exact tensor layout of the Hugging Face task models ({@code GPT2LMHeadModel},
 * {@code BertForSequenceClassification}, {@code LlamaForCausalLM}), written from the transformers conventions:
 * embeddings N(0, 0.5²), projections N(0, 0.2²), biases N(0, 0.05²), norm weights around 1. Large enough that every
 * layer changes its input noticeably, so an adapter that is not the identity shows. Each tensor is drawn from its own
 * generator seeded by the seed and its name, so it can be made alone ({@link #tensor}) without holding the others.
 */
public final class RandomWeights {

    private static final double EMBEDDING_STD = 0.5;
    private static final double WEIGHT_STD = 0.2;
    private static final double BIAS_STD = 0.05;
    private static final double NORM_STD = 0.1;

    /** How one tensor is drawn: N(0, std²), plus 1 for a norm weight. */
    record Spec(long[] shape, double std, boolean aroundOne) {
    }

    private final Map<String, Spec> specs = new LinkedHashMap<>();

    private RandomWeights() {
    }

    /** The weights {@code config}'s architecture reads, the same for the same seed. */
    public static Map<String, FloatTensor> of(ModelConfig config, long seed) {
        Map<String, FloatTensor> weights = new LinkedHashMap<>();
        specs(config).forEach((name, spec) -> weights.put(name, tensor(name, spec, seed)));
        return weights;
    }

    /** Names and shapes of the weights, in checkpoint order, without their values. */
    static Map<String, Spec> specs(ModelConfig config) {
        RandomWeights w = new RandomWeights();
        if (config instanceof Gpt2Config c) {
            w.gpt2(c);
        } else if (config instanceof BertConfig c) {
            w.bert(c);
        } else {
            w.llama((LlamaConfig) config);
        }
        return Collections.unmodifiableMap(w.specs);
    }

    /** One tensor's values: the same as in {@link #of} for the same seed. */
    static FloatTensor tensor(String name, Spec spec, long seed) {
        Random random = new Random(seed * 31 + fnv(name));
        FloatTensor t = FloatTensor.zeros(spec.shape());
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (random.nextGaussian() * spec.std() + (spec.aroundOne() ? 1 : 0));
        }
        return t;
    }

    private static long fnv(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return hash;
    }

    private void gpt2(Gpt2Config c) {
        int h = c.hiddenSize();
        int inner = c.intermediateSize();
        put("transformer.wte.weight", EMBEDDING_STD, c.vocabSize(), h);
        put("transformer.wpe.weight", EMBEDDING_STD, c.maxPositions(), h);
        for (int i = 0; i < c.numLayers(); i++) {
            String p = "transformer.h." + i + ".";
            norm(p + "ln_1", h, true);
            linear(p + "attn.c_attn", h, 3 * h, true);
            linear(p + "attn.c_proj", h, h, true);
            norm(p + "ln_2", h, true);
            linear(p + "mlp.c_fc", h, inner, true);
            linear(p + "mlp.c_proj", inner, h, true);
        }
        norm("transformer.ln_f", h, true);
    }

    private void bert(BertConfig c) {
        int h = c.hiddenSize();
        int inter = c.intermediateSize();
        put("bert.embeddings.word_embeddings.weight", EMBEDDING_STD, c.vocabSize(), h);
        put("bert.embeddings.position_embeddings.weight", EMBEDDING_STD, c.maxPositionEmbeddings(), h);
        put("bert.embeddings.token_type_embeddings.weight", EMBEDDING_STD, c.typeVocabSize(), h);
        norm("bert.embeddings.LayerNorm", h, true);
        for (int i = 0; i < c.numLayers(); i++) {
            String p = "bert.encoder.layer." + i + ".";
            linear(p + "attention.self.query", h, h, false);
            linear(p + "attention.self.key", h, h, false);
            linear(p + "attention.self.value", h, h, false);
            linear(p + "attention.output.dense", h, h, false);
            norm(p + "attention.output.LayerNorm", h, true);
            linear(p + "intermediate.dense", h, inter, false);
            linear(p + "output.dense", inter, h, false);
            norm(p + "output.LayerNorm", h, true);
        }
        linear("bert.pooler.dense", h, h, false);
    }

    private void llama(LlamaConfig c) {
        int h = c.hiddenSize();
        int q = c.numHeads() * c.headDim();
        int kv = c.numKeyValueHeads() * c.headDim();
        int inter = c.intermediateSize();
        put("model.embed_tokens.weight", EMBEDDING_STD, c.vocabSize(), h);
        for (int i = 0; i < c.numLayers(); i++) {
            String p = "model.layers." + i + ".";
            norm(p + "input_layernorm", h, false);
            linearNoBias(p + "self_attn.q_proj", h, q, c.qkvBias());
            linearNoBias(p + "self_attn.k_proj", h, kv, c.qkvBias());
            linearNoBias(p + "self_attn.v_proj", h, kv, c.qkvBias());
            linearNoBias(p + "self_attn.o_proj", q, h, c.outputBias());
            norm(p + "post_attention_layernorm", h, false);
            linearNoBias(p + "mlp.gate_proj", h, inter, c.mlpBias());
            linearNoBias(p + "mlp.up_proj", h, inter, c.mlpBias());
            linearNoBias(p + "mlp.down_proj", inter, h, c.mlpBias());
        }
        norm("model.norm", h, false);
        if (!c.tieWordEmbeddings()) {
            put("lm_head.weight", EMBEDDING_STD, c.vocabSize(), h);
        }
    }

    /** A linear layer with bias; Conv1D layers store their weight [in, out], nn.Linear [out, in]. */
    private void linear(String module, int in, int out, boolean conv1d) {
        if (conv1d) {
            put(module + ".weight", WEIGHT_STD, in, out);
        } else {
            put(module + ".weight", WEIGHT_STD, out, in);
        }
        put(module + ".bias", BIAS_STD, out);
    }

    private void linearNoBias(String module, int in, int out, boolean bias) {
        put(module + ".weight", WEIGHT_STD, out, in);
        if (bias) {
            put(module + ".bias", BIAS_STD, out);
        }
    }

    private void norm(String module, int h, boolean bias) {
        specs.put(module + ".weight", new Spec(new long[] {h}, NORM_STD, true));
        if (bias) {
            put(module + ".bias", BIAS_STD, h);
        }
    }

    private void put(String name, double std, long... shape) {
        specs.put(name, new Spec(shape, std, false));
    }
}
