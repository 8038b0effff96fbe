package dev.peft4j.core.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The architecture of an imported BERT, written as a Hugging Face {@code BertConfig} ({@code config.json}).
 *
 * @param hiddenAct transformers' name of the feed-forward activation ({@code gelu} is the exact, erf-based one)
 */
public record BertConfig(int vocabSize, int hiddenSize, int numHiddenLayers, int numAttentionHeads,
        int intermediateSize, int maxPositionEmbeddings, int typeVocabSize, String hiddenAct, double layerNormEps,
        long padTokenId) {

    /**
     * Training-time values an inference graph does not record; these are BertConfig's defaults, which are also what
     * all-MiniLM-L6-v2's published config.json holds.
     */
    private static final double DROPOUT = 0.1;
    private static final double INITIALIZER_RANGE = 0.02;

    public BertConfig {
        if (hiddenSize % numAttentionHeads != 0) {
            throw new IllegalArgumentException("hidden size " + hiddenSize + " is not a multiple of the "
                    + numAttentionHeads + " attention heads");
        }
    }

    /** The config.json text, keys sorted as transformers writes them. */
    public String toJson() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.putArray("architectures").add("BertModel");
        root.put("attention_probs_dropout_prob", DROPOUT);
        root.putNull("classifier_dropout");
        root.put("hidden_act", hiddenAct);
        root.put("hidden_dropout_prob", DROPOUT);
        root.put("hidden_size", hiddenSize);
        root.put("initializer_range", INITIALIZER_RANGE);
        root.put("intermediate_size", intermediateSize);
        root.put("layer_norm_eps", layerNormEps);
        root.put("max_position_embeddings", maxPositionEmbeddings);
        root.put("model_type", "bert");
        root.put("num_attention_heads", numAttentionHeads);
        root.put("num_hidden_layers", numHiddenLayers);
        root.put("pad_token_id", padTokenId);
        root.put("position_embedding_type", "absolute");
        root.put("torch_dtype", "float32");
        root.put("type_vocab_size", typeVocabSize);
        root.put("use_cache", true);
        root.put("vocab_size", vocabSize);
        return root.toPrettyString() + "\n";
    }
}
