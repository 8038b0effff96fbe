package dev.peft4j.core.model.config;

/**
 * A GPT-2 decoder ({@code model_type} {@code gpt2}), keys as in Hugging Face's {@code GPT2Config}.
 *
 * @param intermediateSize          {@code n_inner}, or 4 × {@code n_embd} when config.json leaves it null
 * @param scaleAttnByInverseLayerIdx divide attention scores of block i by (i + 1) as well
 */
public record Gpt2Config(
        int vocabSize,
        int hiddenSize,
        int numLayers,
        int numHeads,
        int intermediateSize,
        int maxPositions,
        Activation activation,
        double layerNormEps,
        double embeddingDropout,
        double attentionDropout,
        double residualDropout,
        boolean scaleAttnWeights,
        boolean scaleAttnByInverseLayerIdx,
        boolean tieWordEmbeddings,
        double initializerRange) implements ModelConfig {

    public Gpt2Config {
        Checks.positive("vocab_size", vocabSize);
        Checks.positive("n_embd", hiddenSize);
        Checks.positive("n_layer", numLayers);
        Checks.positive("n_head", numHeads);
        Checks.divides("n_head", numHeads, "n_embd", hiddenSize);
        Checks.positive("n_inner", intermediateSize);
        Checks.positive("n_positions", maxPositions);
        Checks.positive("layer_norm_epsilon", layerNormEps);
        Checks.probability("embd_pdrop", embeddingDropout);
        Checks.probability("attn_pdrop", attentionDropout);
        Checks.probability("resid_pdrop", residualDropout);
        Checks.positive("initializer_range", initializerRange);
    }

    @Override
    public String modelType() {
        return "gpt2";
    }

    /** GPT2ForSequenceClassification puts no dropout in front of its score layer. */
    @Override
    public double classifierDropout() {
        return 0;
    }

    public int headDim() {
        return hiddenSize / numHeads;
    }

    static Gpt2Config read(ConfigJson json) {
        int hidden = json.requiredInt("n_embd");
        return new Gpt2Config(
                json.requiredInt("vocab_size"),
                hidden,
                json.requiredInt("n_layer"),
                json.requiredInt("n_head"),
                json.optionalInt("n_inner").orElse(4 * hidden),
                json.intOr("n_positions", 1024),
                Activation.fromHf(json.stringOr("activation_function", "gelu_new"), json, "activation_function"),
                json.doubleOr("layer_norm_epsilon", 1e-5),
                json.doubleOr("embd_pdrop", 0.1),
                json.doubleOr("attn_pdrop", 0.1),
                json.doubleOr("resid_pdrop", 0.1),
                json.booleanOr("scale_attn_weights", true),
                json.booleanOr("scale_attn_by_inverse_layer_idx", false),
                json.booleanOr("tie_word_embeddings", true),
                json.doubleOr("initializer_range", 0.02));
    }
}
