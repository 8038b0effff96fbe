package dev.peft4j.bench.measure;

import dev.peft4j.bench.model.GptShape;
import dev.peft4j.bench.model.Task;

/**
 * Floating-point operations one step must do, counted analytically from the matrix products (2 FLOPs per multiply-add;
 * LayerNorm, softmax, GELU and the optimizer are left out, as is usual, since they are a few percent). With N = batch x
 * seq tokens, H hidden, T seq, V vocab, r LoRA rank and L layers:
 * <pre>
 * forward       = L (24 N H^2 + 4 N T H) + 2 N H V            [+ L * 8 N H r with LoRA on q and v]
 * full training = 3 x forward                                 (every product also needs dX and dW)
 * LoRA training = forward + backward where frozen products need only dX, and block 0 (whose input needs no gradient)
 *                 skips dX of c_attn (6 N H^2) and dX through its adapters; with LoRA on q and v also dK:
 *   backward    = 2 N H V + L (24 N H^2 + 8 N T H + 16 N H r) - (6 N H^2 + 2 N T H + 4 N H r)   LoRA on q, v
 *   backward    = 2 N H V + L (24 N H^2 + 8 N T H + 16 N H r) - (6 N H^2 + 2 N H r)            LoRA on c_attn
 * inference     = forward
 * </pre>
 * Both LoRA targets cost 8 N H r forward per block: two adapters [H,r][r,H] or one [H,r][r,3H].
 * Attention counts the full T x T score matrix (neither engine skips the masked half).
 */
public final class FlopModel {

    private FlopModel() {
    }

    public static double perStep(GptShape s, Task task) {
        double n = s.tokensPerStep();
        double h = s.hidden();
        double t = s.seqLen();
        double v = s.vocab();
        double r = s.loraRank();
        double layers = s.layers();
        double denseFwd = 24 * n * h * h;
        double attentionFwd = 4 * n * t * h;
        double headFwd = 2 * n * h * v;
        return switch (task) {
            case INFERENCE -> layers * (denseFwd + attentionFwd) + headFwd;
            case FULL_TRAIN -> 3 * (layers * (denseFwd + attentionFwd) + headFwd);
            case LORA_TRAIN -> {
                double loraFwd = 8 * n * h * r;
                double forward = layers * (denseFwd + attentionFwd + loraFwd) + headFwd;
                // Frozen products: dX only (= forward cost); attention: dP, dV, dQ, dK; adapters: dB, d(xA), dA, dX.
                double blockZeroSkips = switch (s.loraTarget()) {
                    case QV -> 6 * n * h * h + 2 * n * t * h + 4 * n * h * r;
                    case C_ATTN -> 6 * n * h * h + 2 * n * h * r;
                };
                double backward = headFwd + layers * (denseFwd + 2 * attentionFwd + 2 * loraFwd) - blockZeroSkips;
                yield forward + backward;
            }
        };
    }

    /** FLOPs of one n x n by n x n product. */
    public static double matmul(int n) {
        return 2.0 * n * n * n;
    }
}
