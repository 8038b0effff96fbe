package dev.peft4j.core.model.reference;

import static dev.peft4j.core.model.reference.RefMath.add;
import static dev.peft4j.core.model.reference.RefMath.layerNorm;
import static dev.peft4j.core.model.reference.RefMath.linear;
import static dev.peft4j.core.model.reference.RefMath.matrix;
import static dev.peft4j.core.model.reference.RefMath.vector;

import dev.peft4j.core.model.config.BertConfig;
import dev.peft4j.spi.FloatTensor;
import java.util.Map;

/** BERT forward pass for one unpadded sequence, as BertForSequenceClassification computes it (weights unprefixed). */
public final class BertReference {

    private final BertConfig c;
    private final Map<String, FloatTensor> w;

    public BertReference(BertConfig config, Map<String, FloatTensor> weights) {
        this.c = config;
        this.w = weights;
    }

    /** Last hidden states [T, H]. */
    public double[][] hidden(int[] ids, int[] types) {
        double[][] word = matrix(w, "embeddings.word_embeddings.weight");
        double[][] pos = matrix(w, "embeddings.position_embeddings.weight");
        double[][] type = matrix(w, "embeddings.token_type_embeddings.weight");
        int h = c.hiddenSize();
        double eps = c.layerNormEps();
        double[][] x = new double[ids.length][h];
        for (int t = 0; t < ids.length; t++) {
            for (int i = 0; i < h; i++) {
                x[t][i] = word[ids[t]][i] + pos[t][i] + type[types[t]][i];
            }
        }
        x = layerNorm(x, vector(w, "embeddings.LayerNorm.weight"), vector(w, "embeddings.LayerNorm.bias"), eps);
        for (int l = 0; l < c.numLayers(); l++) {
            String p = "encoder.layer." + l + ".";
            double[][] ctx = RefMath.attention(dense(x, p + "attention.self.query"), dense(x, p + "attention.self.key"),
                    dense(x, p + "attention.self.value"), c.numHeads(), c.numHeads(), c.headDim(),
                    1 / Math.sqrt(c.headDim()), RefMath.full(ids.length));
            double[][] a = layerNorm(add(dense(ctx, p + "attention.output.dense"), x),
                    vector(w, p + "attention.output.LayerNorm.weight"),
                    vector(w, p + "attention.output.LayerNorm.bias"), eps);
            double[][] f = RefMath.map(dense(a, p + "intermediate.dense"), RefMath::geluExact);
            x = layerNorm(add(dense(f, p + "output.dense"), a), vector(w, p + "output.LayerNorm.weight"),
                    vector(w, p + "output.LayerNorm.bias"), eps);
        }
        return x;
    }

    /** Classifier logits [numLabels] from the pooler on [CLS]. */
    public double[] classify(int[] ids, int[] types, double[][] classifierWeight, double[] classifierBias) {
        double[][] cls = {hidden(ids, types)[0]};
        double[][] pooled = RefMath.map(dense(cls, "pooler.dense"), Math::tanh);
        return linear(pooled, classifierWeight, classifierBias)[0];
    }

    /**
     * Masked-LM logits [T, vocab] as transformers' BertForMaskedLM computes them: the transform (dense, exact GELU,
     * LayerNorm) under {@code cls.predictions.transform}, then the word embeddings (the tied decoder) plus
     * {@code cls.predictions.bias}.
     */
    public double[][] maskedLm(int[] ids, int[] types) {
        double[][] x = RefMath.map(dense(hidden(ids, types), "cls.predictions.transform.dense"), RefMath::geluExact);
        x = layerNorm(x, vector(w, "cls.predictions.transform.LayerNorm.weight"),
                vector(w, "cls.predictions.transform.LayerNorm.bias"), c.layerNormEps());
        return linear(x, matrix(w, "embeddings.word_embeddings.weight"), vector(w, "cls.predictions.bias"));
    }

    private double[][] dense(double[][] x, String module) {
        return linear(x, matrix(w, module + ".weight"), vector(w, module + ".bias"));
    }
}
