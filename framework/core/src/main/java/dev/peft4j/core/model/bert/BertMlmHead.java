package dev.peft4j.core.model.bert;

import dev.peft4j.core.model.config.BertConfig;
import dev.peft4j.core.model.graph.MaskedLmHead;
import dev.peft4j.core.model.layers.Activations;
import dev.peft4j.core.model.layers.BuildContext;
import dev.peft4j.core.model.layers.Linear;
import dev.peft4j.core.model.layers.Norms;
import dev.peft4j.core.model.weights.WeightRegistry;
import dev.peft4j.spi.FloatTensor;
import dev.peft4j.spi.method.LinearLayer;
import java.util.Arrays;
import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * BERT's masked-LM head as transformers' {@code BertForMaskedLM} has it, under {@code cls.predictions}: a transform
 * (dense, the model's activation, LayerNorm) and a decoder tied to the word embeddings plus one bias per token.
 *
 * <p>A checkpoint that holds the head (bert-base-uncased does) provides it as frozen base weights, which only a method
 * that unfreezes them trains. A checkpoint without it (a bare encoder such as the sentence-transformers export of
 * all-MiniLM-L6-v2) gets a new head, initialised as transformers does: dense weight normal(0, initializer_range) and
 * zero bias, LayerNorm 1 and 0, zero token bias. Being new, it trains with every method and is saved with its adapter,
 * like a classification head.
 */
final class BertMlmHead implements MaskedLmHead {

    static final String MODULE = "cls.predictions";
    static final String DENSE = MODULE + ".transform.dense";
    static final String NORM = MODULE + ".transform.LayerNorm";
    static final String BIAS = MODULE + ".bias";
    private static final long SEED_SALT = 0x6D6C6D5F68656164L;

    private final BertConfig config;
    private final LinearLayer dense;
    private final Operand<TFloat32> normWeight;
    private final Operand<TFloat32> normBias;
    private final Operand<TFloat32> decoder;
    private final Operand<TFloat32> bias;

    private BertMlmHead(BertConfig config, LinearLayer dense, Operand<TFloat32> normWeight, Operand<TFloat32> normBias,
            Operand<TFloat32> decoder, Operand<TFloat32> bias) {
        this.config = config;
        this.dense = dense;
        this.normWeight = normWeight;
        this.normBias = normBias;
        this.decoder = decoder;
        this.bias = bias;
    }

    /**
     * Declares the head's weights: the checkpoint's when it holds the transform's dense layer (then every weight of the
     * head must be there), new ones otherwise.
     *
     * @param wordEmbeddings the tied decoder [vocab, H]
     */
    static BertMlmHead declare(WeightRegistry w, BertConfig config, Operand<TFloat32> wordEmbeddings, long seed) {
        int h = config.hiddenSize();
        if (w.inStore(DENSE + ".weight")) {
            return new BertMlmHead(config, w.linear(DENSE, -1, h, h, false, true),
                    w.frozenNorm(NORM + ".weight", h), w.frozenNorm(NORM + ".bias", h), wordEmbeddings,
                    w.frozen(BIAS, config.vocabSize()));
        }
        Random random = new Random(seed ^ SEED_SALT);
        float[] values = new float[h * h];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * config.initializerRange());
        }
        float[] ones = new float[h];
        Arrays.fill(ones, 1f);
        LinearLayer dense = new LinearLayer(DENSE, -1, h, h, false,
                w.head(DENSE + ".weight", new FloatTensor(new long[] {h, h}, values)),
                w.head(DENSE + ".bias", FloatTensor.zeros(h)));
        return new BertMlmHead(config, dense, w.head(NORM + ".weight", new FloatTensor(new long[] {h}, ones)),
                w.head(NORM + ".bias", FloatTensor.zeros(h)), wordEmbeddings,
                w.head(BIAS, FloatTensor.zeros(config.vocabSize())));
    }

    @Override
    public Operand<TFloat32> transform(BuildContext ctx, Operand<TFloat32> hidden) {
        Operand<TFloat32> x = Activations.apply(ctx.tf(), config.hiddenAct(), Linear.apply(ctx, dense, hidden));
        return Norms.layerNorm(ctx.tf(), x, normWeight, normBias, config.layerNormEps());
    }

    @Override
    public Operand<TFloat32> logits(BuildContext ctx, Operand<TFloat32> transformed) {
        return ctx.tf().nn.biasAdd(ctx.compute().matMul(transformed, decoder, true), bias);
    }
}
