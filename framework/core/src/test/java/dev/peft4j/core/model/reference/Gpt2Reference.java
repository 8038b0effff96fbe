package dev.peft4j.core.model.reference;

import static dev.peft4j.core.model.reference.RefMath.add;
import static dev.peft4j.core.model.reference.RefMath.columns;
import static dev.peft4j.core.model.reference.RefMath.conv1d;
import static dev.peft4j.core.model.reference.RefMath.layerNorm;
import static dev.peft4j.core.model.reference.RefMath.matrix;
import static dev.peft4j.core.model.reference.RefMath.vector;

import dev.peft4j.core.model.config.Gpt2Config;
import dev.peft4j.spi.FloatTensor;
import java.util.Map;

/** GPT-2 forward pass for one unpadded sequence, as GPT2LMHeadModel computes it. */
public final class Gpt2Reference {

    private final Gpt2Config c;
    private final Map<String, FloatTensor> w;

    public Gpt2Reference(Gpt2Config config, Map<String, FloatTensor> weights) {
        this.c = config;
        this.w = weights;
    }

    /** Final hidden states [T, H] (after ln_f). */
    public double[][] hidden(int[] ids) {
        double[][] wte = matrix(w, "transformer.wte.weight");
        double[][] wpe = matrix(w, "transformer.wpe.weight");
        int h = c.hiddenSize();
        double[][] x = new double[ids.length][h];
        for (int t = 0; t < ids.length; t++) {
            for (int i = 0; i < h; i++) {
                x[t][i] = wte[ids[t]][i] + wpe[t][i];
            }
        }
        for (int l = 0; l < c.numLayers(); l++) {
            String p = "transformer.h." + l + ".";
            double eps = c.layerNormEps();
            double[][] a = layerNorm(x, vector(w, p + "ln_1.weight"), vector(w, p + "ln_1.bias"), eps);
            double[][] qkv = conv1d(a, matrix(w, p + "attn.c_attn.weight"), vector(w, p + "attn.c_attn.bias"));
            double[][] ctx = RefMath.attention(columns(qkv, 0, h), columns(qkv, h, 2 * h), columns(qkv, 2 * h, 3 * h),
                    c.numHeads(), c.numHeads(), c.headDim(), 1 / Math.sqrt(c.headDim()), RefMath.causal(ids.length));
            x = add(x, conv1d(ctx, matrix(w, p + "attn.c_proj.weight"), vector(w, p + "attn.c_proj.bias")));
            double[][] m = layerNorm(x, vector(w, p + "ln_2.weight"), vector(w, p + "ln_2.bias"), eps);
            m = RefMath.map(conv1d(m, matrix(w, p + "mlp.c_fc.weight"), vector(w, p + "mlp.c_fc.bias")),
                    RefMath::geluTanh);
            x = add(x, conv1d(m, matrix(w, p + "mlp.c_proj.weight"), vector(w, p + "mlp.c_proj.bias")));
        }
        return layerNorm(x, vector(w, "transformer.ln_f.weight"), vector(w, "transformer.ln_f.bias"),
                c.layerNormEps());
    }

    /** Next-token logits [T, vocab], output embedding tied to wte. */
    public double[][] logits(int[] ids) {
        return RefMath.linear(hidden(ids), matrix(w, "transformer.wte.weight"), null);
    }
}
