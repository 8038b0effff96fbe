package dev.peft4j.core.model.config;

/**
 * A BERT encoder ({@code model_type} {@code bert}), keys as in Hugging Face's {@code BertConfig}.
 *
 * @param classifierDropout {@code classifier_dropout}, or {@code hidden_dropout_prob} when config.json leaves it null
 */
public record BertConfig(
        int vocabSize,
        int hiddenSize,
        int numLayers,
        int numHeads,
        int intermediateSize,
        Activation hiddenAct,
        double hiddenDropout,
        double attentionDropout,
        double classifierDropout,
        int maxPositionEmbeddings,
        int typeVocabSize,
        double layerNormEps,
        int padTokenId,
        double initializerRange) implements ModelConfig {

    public BertConfig {
        Checks.positive("vocab_size", vocabSize);
        Checks.positive("hidden_size", hiddenSize);
        Checks.positive("num_hidden_layers", numLayers);
        Checks.positive("num_attention_heads", numHeads);
        Checks.divides("num_attention_heads", numHeads, "hidden_size", hiddenSize);
        Checks.positive("intermediate_size", intermediateSize);
        Checks.probability("hidden_dropout_prob", hiddenDropout);
        Checks.probability("attention_probs_dropout_prob", attentionDropout);
        Checks.probability("classifier_dropout", classifierDropout);
        Checks.positive("max_position_embeddings", maxPositionEmbeddings);
        Checks.positive("type_vocab_size", typeVocabSize);
        Checks.positive("layer_norm_eps", layerNormEps);
        Checks.positive("initializer_range", initializerRange);
    }

    @Override
    public String modelType() {
        return "bert";
    }

    public int headDim() {
        return hiddenSize / numHeads;
    }

    static BertConfig read(ConfigJson json) {
        String positionType = json.stringOr("position_embedding_type", "absolute");
        if (!positionType.equals("absolute")) {
            throw json.error("position_embedding_type", "is '" + positionType + "'; peft4j supports only 'absolute'");
        }
        if (json.booleanOr("is_decoder", false)) {
            throw json.error("is_decoder", "is true; peft4j runs BERT as an encoder only");
        }
        double hiddenDropout = json.doubleOr("hidden_dropout_prob", 0.1);
        return new BertConfig(
                json.requiredInt("vocab_size"),
                json.requiredInt("hidden_size"),
                json.requiredInt("num_hidden_layers"),
                json.requiredInt("num_attention_heads"),
                json.requiredInt("intermediate_size"),
                Activation.fromHf(json.stringOr("hidden_act", "gelu"), json, "hidden_act"),
                hiddenDropout,
                json.doubleOr("attention_probs_dropout_prob", 0.1),
                json.optionalDouble("classifier_dropout").orElse(hiddenDropout),
                json.intOr("max_position_embeddings", 512),
                json.intOr("type_vocab_size", 2),
                json.doubleOr("layer_norm_eps", 1e-12),
                json.intOr("pad_token_id", 0),
                json.doubleOr("initializer_range", 0.02));
    }
}
