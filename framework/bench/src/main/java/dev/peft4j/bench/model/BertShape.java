package dev.peft4j.bench.model;

/**
 * A BERT-shaped encoder (post-LayerNorm blocks, word + position + token-type embeddings, exact GELU MLP, a pooler on
 * [CLS] and a classifier) and one batch, LoRA on the query and value projections of every block.
 *
 * @param hidden        model width
 * @param heads         attention heads; must divide {@code hidden}
 * @param layers        transformer blocks
 * @param intermediate  MLP width
 * @param vocab         word vocabulary
 * @param positions     position embeddings
 * @param typeVocab     token-type (segment) embeddings
 * @param classes       outputs of the classification head
 * @param seqLen        tokens per sequence
 * @param batch         sequences per step
 * @param loraRank      LoRA rank r
 * @param loraAlpha     LoRA alpha; the update is scaled by alpha / r
 */
public record BertShape(int hidden, int heads, int layers, int intermediate, int vocab, int positions, int typeVocab,
        int classes, int seqLen, int batch, int loraRank, float loraAlpha) implements ModelShape {

    /** all-MiniLM-L6-v2's LayerNorm epsilon (config.json's layer_norm_eps). */
    public static final float LAYER_NORM_EPSILON = 1e-12f;

    public BertShape {
        ModelShape.positive("hidden", hidden);
        ModelShape.positive("heads", heads);
        ModelShape.positive("layers", layers);
        ModelShape.positive("intermediate", intermediate);
        ModelShape.positive("vocab", vocab);
        ModelShape.positive("positions", positions);
        ModelShape.positive("typeVocab", typeVocab);
        ModelShape.positive("seqLen", seqLen);
        ModelShape.positive("batch", batch);
        ModelShape.positive("loraRank", loraRank);
        ModelShape.heads(hidden, heads);
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes but got " + classes);
        }
        if (seqLen > positions) {
            throw new IllegalArgumentException("seqLen " + seqLen + " exceeds the model's " + positions + " positions");
        }
        if (!(loraAlpha > 0)) {
            throw new IllegalArgumentException("loraAlpha must be > 0 but was " + loraAlpha);
        }
    }

    /**
     * The shipped example model and job ({@code examples/sst2-lora.conf}): all-MiniLM-L6-v2's shape (BERT, 6 layers,
     * hidden 384, 12 heads, MLP 1536, vocabulary 30,522), 2 classes, LoRA r=8 alpha 16 on query and value.
     */
    public static BertShape miniLm(int batch, int seqLen) {
        return new BertShape(384, 12, 6, 1536, 30_522, 512, 2, 2, seqLen, batch, 8, 16f);
    }

    public int headDim() {
        return hidden / heads;
    }
}
