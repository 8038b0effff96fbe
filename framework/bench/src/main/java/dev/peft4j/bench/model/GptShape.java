package dev.peft4j.bench.model;

/**
 * A GPT-2-shaped decoder (pre-LayerNorm blocks, learned positions, fused q/k/v projection {@code attn.c_attn}, exact
 * GELU MLP of width 4 x hidden, LM head tied to the token embedding) and one batch. LoRA sits on c_attn, as Hugging
 * Face PEFT and peft4j put it on GPT-2 by default: one adapter per block covering q, k and v, with as many parameters
 * and FLOPs as two adapters on q and v.
 *
 * @param hidden    model width (768 for GPT-2 small)
 * @param heads     attention heads; must divide {@code hidden}
 * @param layers    transformer blocks
 * @param seqLen    tokens per sequence (also the number of positions the model has)
 * @param batch     sequences per step
 * @param vocab     vocabulary size of the tied embedding / LM head
 * @param loraRank  LoRA rank r
 * @param loraAlpha LoRA alpha; the update is scaled by alpha / r
 */
public record GptShape(int hidden, int heads, int layers, int seqLen, int batch, int vocab, int loraRank,
        float loraAlpha) implements ModelShape {

    public GptShape {
        ModelShape.positive("hidden", hidden);
        ModelShape.positive("heads", heads);
        ModelShape.positive("layers", layers);
        ModelShape.positive("seqLen", seqLen);
        ModelShape.positive("batch", batch);
        ModelShape.positive("vocab", vocab);
        ModelShape.positive("loraRank", loraRank);
        ModelShape.heads(hidden, heads);
        if (!(loraAlpha > 0)) {
            throw new IllegalArgumentException("loraAlpha must be > 0 but was " + loraAlpha);
        }
    }

    /** GPT-2 small (768 hidden, 12 heads, 50,257 vocab) of the given depth, batch and sequence length; LoRA r=8, alpha 8. */
    public static GptShape gpt2Small(int layers, int batch, int seqLen) {
        return new GptShape(768, 12, layers, seqLen, batch, 50_257, 8, 8f);
    }

    public int headDim() {
        return hidden / heads;
    }

    public int mlpWidth() {
        return 4 * hidden;
    }
}
