package dev.peft4j.core.model.reference;

import static dev.peft4j.core.model.reference.RefMath.add;
import static dev.peft4j.core.model.reference.RefMath.linear;
import static dev.peft4j.core.model.reference.RefMath.matrix;
import static dev.peft4j.core.model.reference.RefMath.rmsNorm;
import static dev.peft4j.core.model.reference.RefMath.vector;

import dev.peft4j.core.model.config.LlamaConfig;
import dev.peft4j.spi.FloatTensor;
import java.util.Map;

/** LLaMA-family forward pass for one unpadded sequence, as LlamaForCausalLM computes it (no rope scaling). */
public final class LlamaReference {

    private final LlamaConfig c;
    private final Map<String, FloatTensor> w;

    public LlamaReference(LlamaConfig config, Map<String, FloatTensor> weights) {
        this.c = config;
        this.w = weights;
    }

    public double[][] hidden(int[] ids) {
        double[][] emb = matrix(w, "model.embed_tokens.weight");
        double[][] x = new double[ids.length][];
        for (int t = 0; t < ids.length; t++) {
            x[t] = emb[ids[t]].clone();
        }
        double eps = c.rmsNormEps();
        for (int l = 0; l < c.numLayers(); l++) {
            String p = "model.layers." + l + ".";
            double[][] a = rmsNorm(x, vector(w, p + "input_layernorm.weight"), eps);
            double[][] q = rope(proj(a, p + "self_attn.q_proj"), c.numHeads());
            double[][] k = rope(proj(a, p + "self_attn.k_proj"), c.numKeyValueHeads());
            double[][] v = proj(a, p + "self_attn.v_proj");
            double[][] ctx = RefMath.attention(q, k, v, c.numHeads(), c.numKeyValueHeads(), c.headDim(),
                    1 / Math.sqrt(c.headDim()), RefMath.causal(ids.length));
            x = add(x, proj(ctx, p + "self_attn.o_proj"));
            double[][] m = rmsNorm(x, vector(w, p + "post_attention_layernorm.weight"), eps);
            double[][] gate = RefMath.map(proj(m, p + "mlp.gate_proj"), RefMath::silu);
            double[][] up = proj(m, p + "mlp.up_proj");
            for (int t = 0; t < gate.length; t++) {
                for (int i = 0; i < gate[t].length; i++) {
                    gate[t][i] *= up[t][i];
                }
            }
            x = add(x, proj(gate, p + "mlp.down_proj"));
        }
        return rmsNorm(x, vector(w, "model.norm.weight"), eps);
    }

    public double[][] logits(int[] ids) {
        String head = c.tieWordEmbeddings() ? "model.embed_tokens.weight" : "lm_head.weight";
        return linear(hidden(ids), matrix(w, head), null);
    }

    private double[][] proj(double[][] x, String module) {
        return linear(x, matrix(w, module + ".weight"), w.containsKey(module + ".bias") ? vector(w, module + ".bias")
                : null);
    }

    /** Rotates the pairs (i, i + d/2) of every head of position t by t / theta^(2i/d). */
    private double[][] rope(double[][] x, int heads) {
        int d = c.headDim();
        double[][] y = new double[x.length][x[0].length];
        for (int t = 0; t < x.length; t++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < d / 2; i++) {
                    double angle = t / Math.pow(c.ropeTheta(), 2.0 * i / d);
                    double a = x[t][h * d + i];
                    double b = x[t][h * d + i + d / 2];
                    y[t][h * d + i] = a * Math.cos(angle) - b * Math.sin(angle);
                    y[t][h * d + i + d / 2] = b * Math.cos(angle) + a * Math.sin(angle);
                }
            }
        }
        return y;
    }
}
