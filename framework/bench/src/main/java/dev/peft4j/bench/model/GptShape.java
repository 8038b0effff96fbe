package dev.peft4j.bench.model;

/**
 * The shape of the benchmark's decoder-only transformer (GPT-2 layout: pre-LayerNorm blocks, learned positions, fused
 * q/k/v projection, exact GELU MLP of width 4 x hidden, LM head tied to the token embedding) and of one batch.
 *
 * @param hidden    model width (768 for GPT-2 small)
 * @param heads     attention heads; must divide {@code hidden}
 * @param layers    transformer blocks
 * @param seqLen    tokens per sequence
 * @param batch     sequences per step
 * @param vocab     vocabulary size of the tied embedding / LM head
 * @param loraRank  LoRA rank r on the q and v projections (used by the LoRA task only)
 * @param loraAlpha LoRA alpha; the update is scaled by alpha / r
 * @param loraTarget where the LoRA adapters sit
 */
public record GptShape(int hidden, int heads, int layers, int seqLen, int batch, int vocab, int loraRank, float loraAlpha,
        LoraTarget loraTarget) {

    public GptShape {
        positive("hidden", hidden);
        positive("heads", heads);
        positive("layers", layers);
        positive("seqLen", seqLen);
        positive("batch", batch);
        positive("vocab", vocab);
        positive("loraRank", loraRank);
        if (hidden % heads != 0) {
            throw new IllegalArgumentException(
                    "hidden (" + hidden + ") must be a multiple of heads (" + heads + "): choose e.g. 768 and 12");
        }
        if (!(loraAlpha > 0)) {
            throw new IllegalArgumentException("loraAlpha must be > 0 but was " + loraAlpha);
        }
        if (loraTarget == null) {
            throw new IllegalArgumentException("loraTarget is required: qv or c_attn");
        }
    }

    /** GPT-2 small (768 hidden, 12 heads, 50,257 vocab) of the given depth, batch and sequence length; LoRA r=8, alpha 8. */
    public static GptShape gpt2Small(int layers, int batch, int seqLen, LoraTarget loraTarget) {
        return new GptShape(768, 12, layers, seqLen, batch, 50_257, 8, 8f, loraTarget);
    }

    /** GPT-2 small with LoRA on q and v. */
    public static GptShape gpt2Small(int layers, int batch, int seqLen) {
        return gpt2Small(layers, batch, seqLen, LoraTarget.QV);
    }

    public int headDim() {
        return hidden / heads;
    }

    public int mlpWidth() {
        return 4 * hidden;
    }

    /** Tokens per step: batch x sequence length. */
    public long tokensPerStep() {
        return (long) batch * seqLen;
    }

    public float loraScale() {
        return loraAlpha / loraRank;
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0 but was " + value);
        }
    }
}
