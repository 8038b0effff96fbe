package dev.peft4j.core.model.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A LLaMA-family decoder: {@code llama} (Llama 2/3), {@code mistral} (run without its sliding window) and
 * {@code qwen2} (bias on the query, key and value projections). Keys as in Hugging Face's {@code LlamaConfig}.
 *
 * @param numKeyValueHeads {@code num_key_value_heads}: fewer than {@code numHeads} means grouped-query attention
 * @param headDim          {@code head_dim}, or hidden_size / num_attention_heads when absent
 * @param qkvBias          the q, k and v projections carry a bias ({@code attention_bias}, always for qwen2)
 * @param outputBias       the o projection carries a bias ({@code attention_bias} for llama and mistral)
 * @param mlpBias          gate, up and down projections carry a bias ({@code mlp_bias})
 */
public record LlamaConfig(
        String modelType,
        int vocabSize,
        int hiddenSize,
        int numLayers,
        int numHeads,
        int numKeyValueHeads,
        int headDim,
        int intermediateSize,
        Activation hiddenAct,
        double rmsNormEps,
        double ropeTheta,
        RopeScaling ropeScaling,
        int maxPositionEmbeddings,
        boolean tieWordEmbeddings,
        boolean qkvBias,
        boolean outputBias,
        boolean mlpBias,
        double attentionDropout,
        double initializerRange) implements ModelConfig {

    private static final Logger LOG = LoggerFactory.getLogger(LlamaConfig.class);

    public LlamaConfig {
        Checks.positive("vocab_size", vocabSize);
        Checks.positive("hidden_size", hiddenSize);
        Checks.positive("num_hidden_layers", numLayers);
        Checks.positive("num_attention_heads", numHeads);
        Checks.positive("num_key_value_heads", numKeyValueHeads);
        Checks.divides("num_key_value_heads", numKeyValueHeads, "num_attention_heads", numHeads);
        Checks.positive("head_dim", headDim);
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("head_dim must be even for rotary embeddings but is " + headDim);
        }
        Checks.positive("intermediate_size", intermediateSize);
        Checks.positive("rms_norm_eps", rmsNormEps);
        Checks.positive("rope_theta", ropeTheta);
        Checks.positive("max_position_embeddings", maxPositionEmbeddings);
        Checks.probability("attention_dropout", attentionDropout);
        Checks.positive("initializer_range", initializerRange);
    }

    /** LlamaForSequenceClassification puts no dropout in front of its score layer. */
    @Override
    public double classifierDropout() {
        return 0;
    }

    static LlamaConfig read(ConfigJson json, String modelType) {
        int hidden = json.requiredInt("hidden_size");
        int heads = json.requiredInt("num_attention_heads");
        if (hidden % heads != 0 && json.optionalInt("head_dim").isEmpty()) {
            throw json.error("num_attention_heads", "(" + heads + ") does not divide hidden_size (" + hidden
                    + ") and no head_dim is given");
        }
        boolean qwen2 = modelType.equals("qwen2");
        boolean attentionBias = json.booleanOr("attention_bias", false);
        // Qwen2 configs carry a window but switch it off with use_sliding_window.
        boolean slidingWindowUsed = !qwen2 || json.booleanOr("use_sliding_window", false);
        json.optionalInt("sliding_window").filter(w -> slidingWindowUsed).ifPresent(window -> LOG.warn(
                "{}: sliding_window {} is ignored: peft4j attends over the whole sequence, which equals the sliding "
                        + "window for sequences up to {} tokens", json.source(), window, window));
        return new LlamaConfig(
                modelType,
                json.requiredInt("vocab_size"),
                hidden,
                json.requiredInt("num_hidden_layers"),
                heads,
                json.intOr("num_key_value_heads", heads),
                json.intOr("head_dim", hidden / heads),
                json.requiredInt("intermediate_size"),
                Activation.fromHf(json.stringOr("hidden_act", "silu"), json, "hidden_act"),
                json.doubleOr("rms_norm_eps", 1e-6),
                json.doubleOr("rope_theta", 10000),
                RopeScaling.read(json),
                json.intOr("max_position_embeddings", 2048),
                json.booleanOr("tie_word_embeddings", false),
                qwen2 || attentionBias,
                !qwen2 && attentionBias,
                json.booleanOr("mlp_bias", false),
                json.doubleOr("attention_dropout", 0),
                json.doubleOr("initializer_range", 0.02));
    }
}
