package dev.peft4j.bench.measure;

import dev.peft4j.bench.model.BertShape;
import dev.peft4j.bench.model.GptShape;
import dev.peft4j.bench.model.ModelShape;
import dev.peft4j.bench.model.Task;

/**
 * Floating-point operations one step must do, counted analytically from the matrix products (2 FLOPs per multiply-add;
 * LayerNorm, softmax, GELU and the optimizer are left out, as is usual, since they are a few percent). With N = batch x
 * seq tokens, H hidden, T seq, V vocab, r LoRA rank and L layers; every block's dense products cost 24 N H^2 (q, k, v
 * and output H x H, MLP H x 4H and 4H x H) and its attention 4 N T H (the full T x T scores: no engine skips the masked
 * half):
 * <pre>
 * GPT-2 (LM head tied to the V x H embedding; LoRA [H,r][r,3H] on c_attn, 8 N H r per block):
 *   forward       = L (24 N H^2 + 4 N T H) + 2 N H V                  [+ L 8 N H r with LoRA]
 *   full training = 3 x forward                                       (every product also needs dX and dW)
 *   LoRA training = forward + backward, where frozen products need only dX, and block 0 (whose input needs no
 *                   gradient) skips dX of c_attn and dX through its adapter:
 *     backward    = 2 N H V + L (24 N H^2 + 8 N T H + 16 N H r) - (6 N H^2 + 2 N H r)
 *   inference     = forward
 * BERT classifier (LoRA on query and value, two adapters [H,r][r,H]; head: pooler H x H and classifier H x C on the
 * B [CLS] rows, both trained):
 *   forward       = L (24 N H^2 + 4 N T H + 8 N H r) + head,   head = 2 B H^2 + 2 B H C
 *   backward      = 2 head + L (24 N H^2 + 8 N T H + 16 N H r) - (6 N H^2 + 2 N T H + 4 N H r)
 *                   (block 0 also skips dK: k does not depend on any adapter there)
 * </pre>
 */
public final class FlopModel {

    private FlopModel() {
    }

    public static double perStep(ModelShape shape, Task task) {
        if (shape instanceof GptShape gpt) {
            return gpt(gpt, task);
        }
        return bert((BertShape) shape);
    }

    private static double gpt(GptShape s, Task task) {
        double n = s.tokensPerStep();
        double h = s.hidden();
        double t = s.seqLen();
        double r = s.loraRank();
        double layers = s.layers();
        double blocks = layers * (24 * n * h * h + 4 * n * t * h);
        double head = 2 * n * h * s.vocab();
        return switch (task) {
            case INFERENCE -> blocks + head;
            case FULL_TRAIN -> 3 * (blocks + head);
            case LORA_TRAIN -> {
                double lora = 8 * n * h * r;
                double forward = blocks + layers * lora + head;
                double backward = head + layers * (24 * n * h * h + 8 * n * t * h + 2 * lora)
                        - (6 * n * h * h + 2 * n * h * r);
                yield forward + backward;
            }
            case MINILM_LORA -> throw new IllegalArgumentException("the MiniLM task runs on a BERT shape");
        };
    }

    private static double bert(BertShape s) {
        double n = s.tokensPerStep();
        double h = s.hidden();
        double t = s.seqLen();
        double r = s.loraRank();
        double layers = s.layers();
        double lora = 8 * n * h * r;
        double head = 2.0 * s.batch() * h * h + 2.0 * s.batch() * h * s.classes();
        double forward = layers * (24 * n * h * h + 4 * n * t * h + lora) + head;
        double backward = 2 * head + layers * (24 * n * h * h + 8 * n * t * h + 2 * lora)
                - (6 * n * h * h + 2 * n * t * h + 4 * n * h * r);
        return forward + backward;
    }

    /** FLOPs of one n x n by n x n product. */
    public static double matmul(int n) {
        return 2.0 * n * n * n;
    }
}
