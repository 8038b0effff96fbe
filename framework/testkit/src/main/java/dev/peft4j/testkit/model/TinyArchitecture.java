package dev.peft4j.testkit.model;

import dev.peft4j.core.model.Head;
import dev.peft4j.core.model.MapWeightStore;
import dev.peft4j.core.model.ModelBuilder;
import dev.peft4j.core.model.ModelOptions;
import dev.peft4j.core.model.Precision;
import dev.peft4j.core.model.config.ModelConfig;
import dev.peft4j.core.model.config.ModelConfigReader;
import dev.peft4j.spi.FloatTensor;
import java.util.Locale;
import java.util.Map;

/**
 * The three transformer families peft4j builds, each as a tiny model (hidden 32, 2 blocks, vocabulary 64) with random
 * weights in the Hugging Face layout: fast enough to build and train in a test, large enough that a broken method
 * shows. Each comes with the head the contract runs it with, so that together they cover the causal-LM head and both
 * classification head layouts ({@code score} without bias, {@code classifier} with bias).
 */
public enum TinyArchitecture {

    /** GPT-2: fused q/k/v Conv1D layers stored [in, out]; learned positions; causal-LM head tied to the embedding. */
    GPT2("""
            {"model_type": "gpt2", "vocab_size": 64, "n_embd": 32, "n_layer": 2, "n_head": 4, "n_inner": null,
             "n_positions": 64, "activation_function": "gelu_new", "layer_norm_epsilon": 1e-5}
            """, Head.causalLm()),

    /** BERT: post-LN encoder with pooler; a two-class {@code classifier} head (weight and bias). */
    BERT("""
            {"model_type": "bert", "vocab_size": 64, "hidden_size": 32, "num_hidden_layers": 2,
             "num_attention_heads": 4, "intermediate_size": 64, "hidden_act": "gelu",
             "max_position_embeddings": 64, "type_vocab_size": 2, "layer_norm_eps": 1e-12}
            """, Head.classification(2)),

    /** LLaMA: RMSNorm, rotary positions, SwiGLU, grouped-query attention; a three-class {@code score} head. */
    LLAMA("""
            {"model_type": "llama", "vocab_size": 64, "hidden_size": 32, "num_hidden_layers": 2,
             "num_attention_heads": 4, "num_key_value_heads": 2, "intermediate_size": 64, "hidden_act": "silu",
             "rms_norm_eps": 1e-6, "rope_theta": 10000.0, "max_position_embeddings": 64,
             "tie_word_embeddings": false}
            """, Head.classification(3));

    private final String configJson;
    private final Head head;

    TinyArchitecture(String configJson, Head head) {
        this.configJson = configJson;
        this.head = head;
    }

    /** The model's {@code config.json}. */
    public String configJson() {
        return configJson;
    }

    public ModelConfig config() {
        return ModelConfigReader.parse(configJson, "tiny " + name().toLowerCase(Locale.ROOT) + " config");
    }

    /** The head the contract checks this architecture with. */
    public Head head() {
        return head;
    }

    /** Random weights under their canonical Hugging Face names, the same for the same seed. */
    public Map<String, FloatTensor> weights(long seed) {
        return RandomWeights.of(config(), seed);
    }

    /**
     * A builder for this model with the given weights and head: fp32, no dropout (so outputs are deterministic), the
     * head initialised from {@code seed}.
     */
    public ModelBuilder builder(Map<String, FloatTensor> weights, Head modelHead, long seed) {
        return builder(weights, new ModelOptions(modelHead, Precision.FP32, false, seed, 1 << 20));
    }

    /** A builder for this model with the given weights and options. */
    public ModelBuilder builder(Map<String, FloatTensor> weights, ModelOptions options) {
        return ModelBuilder.create(config(), new MapWeightStore(weights, "random " + this + " weights"), options)
                .modelNameOrPath("peft4j-testkit/tiny-" + name().toLowerCase(Locale.ROOT));
    }
}
