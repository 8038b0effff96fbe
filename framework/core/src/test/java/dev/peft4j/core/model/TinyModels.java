package dev.peft4j.core.model;

import dev.peft4j.core.model.config.BertConfig;
import dev.peft4j.core.model.config.Gpt2Config;
import dev.peft4j.core.model.config.LlamaConfig;
import dev.peft4j.core.model.config.ModelConfigReader;
import dev.peft4j.spi.FloatTensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Tiny configs and random checkpoints in the exact Hugging Face tensor layout, written out by hand from the
 * transformers conventions (not derived from the main code, so a wrong name there fails the tests).
 */
public final class TinyModels {

    private TinyModels() {
    }

    public static Gpt2Config gpt2() {
        return (Gpt2Config) ModelConfigReader.parse("""
                {"model_type": "gpt2", "vocab_size": 23, "n_embd": 8, "n_layer": 2, "n_head": 2, "n_inner": null,
                 "n_positions": 16, "activation_function": "gelu_new", "layer_norm_epsilon": 1e-5}
                """, "tiny gpt2 config");
    }

    public static BertConfig bert() {
        return (BertConfig) ModelConfigReader.parse("""
                {"model_type": "bert", "vocab_size": 29, "hidden_size": 8, "num_hidden_layers": 2,
                 "num_attention_heads": 2, "intermediate_size": 12, "hidden_act": "gelu",
                 "max_position_embeddings": 16, "type_vocab_size": 2, "layer_norm_eps": 1e-12}
                """, "tiny bert config");
    }

    /** Grouped-query attention: 4 query heads share 2 key/value heads. */
    public static LlamaConfig llama() {
        return (LlamaConfig) ModelConfigReader.parse("""
                {"model_type": "llama", "vocab_size": 31, "hidden_size": 16, "num_hidden_layers": 2,
                 "num_attention_heads": 4, "num_key_value_heads": 2, "intermediate_size": 24, "hidden_act": "silu",
                 "rms_norm_eps": 1e-6, "rope_theta": 10000.0, "max_position_embeddings": 64,
                 "tie_word_embeddings": false}
                """, "tiny llama config");
    }

    /** Qwen2 layout: biases on q, k and v; tied output embedding. */
    public static LlamaConfig qwen2() {
        return (LlamaConfig) ModelConfigReader.parse("""
                {"model_type": "qwen2", "vocab_size": 31, "hidden_size": 16, "num_hidden_layers": 2,
                 "num_attention_heads": 4, "num_key_value_heads": 1, "intermediate_size": 24, "hidden_act": "silu",
                 "rms_norm_eps": 1e-6, "rope_theta": 1000000.0, "max_position_embeddings": 64,
                 "tie_word_embeddings": true}
                """, "tiny qwen2 config");
    }

    public static Map<String, FloatTensor> gpt2Weights(Gpt2Config c, long seed) {
        Random r = new Random(seed);
        int h = c.hiddenSize();
        int inner = c.intermediateSize();
        Map<String, FloatTensor> w = new LinkedHashMap<>();
        w.put("transformer.wte.weight", normal(r, 0.5, c.vocabSize(), h));
        w.put("transformer.wpe.weight", normal(r, 0.3, c.maxPositions(), h));
        for (int i = 0; i < c.numLayers(); i++) {
            String p = "transformer.h." + i + ".";
            w.put(p + "ln_1.weight", aroundOne(r, h));
            w.put(p + "ln_1.bias", normal(r, 0.1, h));
            w.put(p + "attn.c_attn.weight", normal(r, 0.4, h, 3 * h));
            w.put(p + "attn.c_attn.bias", normal(r, 0.1, 3 * h));
            w.put(p + "attn.c_proj.weight", normal(r, 0.4, h, h));
            w.put(p + "attn.c_proj.bias", normal(r, 0.1, h));
            w.put(p + "ln_2.weight", aroundOne(r, h));
            w.put(p + "ln_2.bias", normal(r, 0.1, h));
            w.put(p + "mlp.c_fc.weight", normal(r, 0.4, h, inner));
            w.put(p + "mlp.c_fc.bias", normal(r, 0.1, inner));
            w.put(p + "mlp.c_proj.weight", normal(r, 0.4, inner, h));
            w.put(p + "mlp.c_proj.bias", normal(r, 0.1, h));
        }
        w.put("transformer.ln_f.weight", aroundOne(r, h));
        w.put("transformer.ln_f.bias", normal(r, 0.1, h));
        return w;
    }

    /** As BertModel saves them: no {@code bert.} prefix. */
    public static Map<String, FloatTensor> bertWeights(BertConfig c, long seed) {
        Random r = new Random(seed);
        int h = c.hiddenSize();
        int inter = c.intermediateSize();
        Map<String, FloatTensor> w = new LinkedHashMap<>();
        w.put("embeddings.word_embeddings.weight", normal(r, 0.5, c.vocabSize(), h));
        w.put("embeddings.position_embeddings.weight", normal(r, 0.3, c.maxPositionEmbeddings(), h));
        w.put("embeddings.token_type_embeddings.weight", normal(r, 0.3, c.typeVocabSize(), h));
        w.put("embeddings.LayerNorm.weight", aroundOne(r, h));
        w.put("embeddings.LayerNorm.bias", normal(r, 0.1, h));
        for (int i = 0; i < c.numLayers(); i++) {
            String p = "encoder.layer." + i + ".";
            for (String m : new String[] {"attention.self.query", "attention.self.key", "attention.self.value",
                    "attention.output.dense"}) {
                w.put(p + m + ".weight", normal(r, 0.4, h, h));
                w.put(p + m + ".bias", normal(r, 0.1, h));
            }
            w.put(p + "attention.output.LayerNorm.weight", aroundOne(r, h));
            w.put(p + "attention.output.LayerNorm.bias", normal(r, 0.1, h));
            w.put(p + "intermediate.dense.weight", normal(r, 0.4, inter, h));
            w.put(p + "intermediate.dense.bias", normal(r, 0.1, inter));
            w.put(p + "output.dense.weight", normal(r, 0.4, h, inter));
            w.put(p + "output.dense.bias", normal(r, 0.1, h));
            w.put(p + "output.LayerNorm.weight", aroundOne(r, h));
            w.put(p + "output.LayerNorm.bias", normal(r, 0.1, h));
        }
        w.put("pooler.dense.weight", normal(r, 0.4, h, h));
        w.put("pooler.dense.bias", normal(r, 0.1, h));
        return w;
    }

    public static Map<String, FloatTensor> llamaWeights(LlamaConfig c, long seed) {
        Random r = new Random(seed);
        int h = c.hiddenSize();
        int q = c.numHeads() * c.headDim();
        int kv = c.numKeyValueHeads() * c.headDim();
        int inter = c.intermediateSize();
        Map<String, FloatTensor> w = new LinkedHashMap<>();
        w.put("model.embed_tokens.weight", normal(r, 0.5, c.vocabSize(), h));
        for (int i = 0; i < c.numLayers(); i++) {
            String p = "model.layers." + i + ".";
            w.put(p + "input_layernorm.weight", aroundOne(r, h));
            w.put(p + "self_attn.q_proj.weight", normal(r, 0.3, q, h));
            w.put(p + "self_attn.k_proj.weight", normal(r, 0.3, kv, h));
            w.put(p + "self_attn.v_proj.weight", normal(r, 0.3, kv, h));
            if (c.qkvBias()) {
                w.put(p + "self_attn.q_proj.bias", normal(r, 0.1, q));
                w.put(p + "self_attn.k_proj.bias", normal(r, 0.1, kv));
                w.put(p + "self_attn.v_proj.bias", normal(r, 0.1, kv));
            }
            w.put(p + "self_attn.o_proj.weight", normal(r, 0.3, h, q));
            w.put(p + "post_attention_layernorm.weight", aroundOne(r, h));
            w.put(p + "mlp.gate_proj.weight", normal(r, 0.3, inter, h));
            w.put(p + "mlp.up_proj.weight", normal(r, 0.3, inter, h));
            w.put(p + "mlp.down_proj.weight", normal(r, 0.3, h, inter));
        }
        w.put("model.norm.weight", aroundOne(r, h));
        if (!c.tieWordEmbeddings()) {
            w.put("lm_head.weight", normal(r, 0.5, c.vocabSize(), h));
        }
        return w;
    }

    public static FloatTensor normal(Random r, double std, long... shape) {
        FloatTensor t = FloatTensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (r.nextGaussian() * std);
        }
        return t;
    }

    private static FloatTensor aroundOne(Random r, int n) {
        FloatTensor t = normal(r, 0.1, n);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] += 1;
        }
        return t;
    }

    public static MapWeightStore store(Map<String, FloatTensor> weights) {
        return new MapWeightStore(weights, "test weights");
    }

    /** fp32, no dropout: deterministic graphs for comparisons. */
    public static ModelOptions options(Head head) {
        return new ModelOptions(head, Precision.FP32, false, 42, 1 << 20);
    }
}
