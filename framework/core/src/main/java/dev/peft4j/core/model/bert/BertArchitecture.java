package dev.peft4j.core.model.bert;

import dev.peft4j.core.model.Head;
import dev.peft4j.core.model.config.BertConfig;
import dev.peft4j.core.model.graph.Architecture;
import dev.peft4j.core.model.layers.Activations;
import dev.peft4j.core.model.layers.Attention;
import dev.peft4j.core.model.layers.BuildContext;
import dev.peft4j.core.model.layers.Linear;
import dev.peft4j.core.model.layers.Norms;
import dev.peft4j.core.model.layers.Pooling;
import dev.peft4j.core.model.layers.Sequence;
import dev.peft4j.core.model.weights.NameResolver;
import dev.peft4j.core.model.weights.WeightRegistry;
import dev.peft4j.spi.FloatTensor;
import dev.peft4j.spi.method.LinearLayer;
import dev.peft4j.spi.method.SubLayer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * BERT as Hugging Face's {@code BertForSequenceClassification}: word + position + token-type embeddings, post-LN
 * blocks, and the pooler (dense + tanh on [CLS]) feeding dropout and {@code classifier}; or, with a masked-LM head, as
 * {@code BertForMaskedLM}: the same encoder without the pooler, and {@code cls.predictions} ({@link BertMlmHead}).
 * BERT is an encoder: it has no causal-LM head.
 */
public final class BertArchitecture implements Architecture {

    private static final String P = BertNames.PREFIX;

    private final BertConfig config;
    private final List<Block> blocks = new ArrayList<>();
    private Operand<TFloat32> wordEmbeddings;
    private Operand<TFloat32> positionEmbeddings;
    private Operand<TFloat32> typeEmbeddings;
    private Operand<TFloat32> embNormWeight;
    private Operand<TFloat32> embNormBias;
    private LinearLayer pooler;
    private BertMlmHead maskedLmHead;

    private record Block(LinearLayer query, LinearLayer key, LinearLayer value, LinearLayer attnOut,
            Operand<TFloat32> attnNormWeight, Operand<TFloat32> attnNormBias, LinearLayer intermediate,
            LinearLayer output, Operand<TFloat32> outNormWeight, Operand<TFloat32> outNormBias) {
    }

    public BertArchitecture(BertConfig config) {
        this.config = config;
    }

    @Override
    public BertConfig config() {
        return config;
    }

    @Override
    public NameResolver names() {
        return new BertNames();
    }

    @Override
    public String wordEmbeddingName() {
        return P + "embeddings.word_embeddings.weight";
    }

    @Override
    public List<String> defaultTargetModules() {
        return List.of("query", "value");
    }

    @Override
    public int maxPositions() {
        return config.maxPositionEmbeddings();
    }

    @Override
    public boolean causal() {
        return false;
    }

    @Override
    public void declare(WeightRegistry w, Head head, long seed) {
        if (head.type() == Head.Type.CAUSAL_LM) {
            throw new IllegalArgumentException("BERT is an encoder and has no causal-LM head; use sequence "
                    + "classification, regression or masked-LM, or a decoder (gpt2, llama) for causal language "
                    + "modelling");
        }
        int h = config.hiddenSize();
        int inter = config.intermediateSize();
        wordEmbeddings = w.frozen(wordEmbeddingName(), config.vocabSize(), h);
        positionEmbeddings = w.frozen(P + "embeddings.position_embeddings.weight", config.maxPositionEmbeddings(), h);
        typeEmbeddings = w.frozen(P + "embeddings.token_type_embeddings.weight", config.typeVocabSize(), h);
        embNormWeight = w.frozenNorm(P + "embeddings.LayerNorm.weight", h);
        embNormBias = w.frozenNorm(P + "embeddings.LayerNorm.bias", h);
        for (int i = 0; i < config.numLayers(); i++) {
            String p = P + "encoder.layer." + i + ".";
            blocks.add(new Block(
                    w.linear(p + "attention.self.query", i, h, h, false, true),
                    w.linear(p + "attention.self.key", i, h, h, false, true),
                    w.linear(p + "attention.self.value", i, h, h, false, true),
                    w.linear(p + "attention.output.dense", i, h, h, false, true),
                    w.frozenNorm(p + "attention.output.LayerNorm.weight", h),
                    w.frozenNorm(p + "attention.output.LayerNorm.bias", h),
                    w.linear(p + "intermediate.dense", i, h, inter, false, true),
                    w.linear(p + "output.dense", i, inter, h, false, true),
                    w.frozenNorm(p + "output.LayerNorm.weight", h),
                    w.frozenNorm(p + "output.LayerNorm.bias", h)));
        }
        if (head.type() == Head.Type.MASKED_LM) {
            // BertForMaskedLM has no pooler: a checkpoint's pooler is not read, nor written with the model
            maskedLmHead = BertMlmHead.declare(w, config, wordEmbeddings, seed);
            return;
        }
        pooler = w.inStore(P + "pooler.dense.weight") ? w.linear(P + "pooler.dense", -1, h, h, false, true)
                : newPooler(w, h, seed);
    }

    /**
     * A checkpoint without a pooler (a bare encoder such as a sentence-transformers export) gets a new one, as
     * transformers' {@code BertForSequenceClassification} does: normal(0, initializer_range) weights, zero bias. Being
     * new, it trains with the task head (and is saved with it) rather than staying frozen at random values.
     */
    private LinearLayer newPooler(WeightRegistry w, int h, long seed) {
        Random random = new Random(seed ^ 0x706F6F6C6572L);
        float[] values = new float[h * h];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * config.initializerRange());
        }
        Variable<TFloat32> weight = w.head(P + "pooler.dense.weight", new FloatTensor(new long[] {h, h}, values));
        Variable<TFloat32> bias = w.head(P + "pooler.dense.bias", FloatTensor.zeros(h));
        return new LinearLayer(P + "pooler.dense", -1, h, h, false, weight, bias);
    }

    @Override
    public Operand<TFloat32> wordEmbeddings(BuildContext ctx, Operand<TInt32> ids) {
        return ctx.tf().gather(wordEmbeddings, ids, ctx.tf().constant(0));
    }

    @Override
    public Operand<TFloat32> encode(BuildContext ctx, Sequence seq, Operand<TFloat32> embeddings,
            Operand<TInt32> tokenTypes) {
        Ops tf = ctx.tf();
        Operand<TFloat32> x = tf.math.add(tf.math.add(embeddings,
                        tf.gather(positionEmbeddings, seq.positions(), tf.constant(0))),
                tf.gather(typeEmbeddings, tokenTypes, tf.constant(0)));
        x = Norms.layerNorm(tf, x, embNormWeight, embNormBias, config.layerNormEps());
        x = ctx.dropout().apply(x, config.hiddenDropout());
        x = tf.reshape(x, tf.constant(new int[] {-1, config.hiddenSize()}));
        Attention attention = new Attention(config.numHeads(), config.numHeads(), config.headDim(),
                1 / Math.sqrt(config.headDim()), config.attentionDropout(), null);
        for (int i = 0; i < blocks.size(); i++) {
            int index = i;
            x = ctx.checkpoints().block(x, in -> block(ctx, seq, attention, index, blocks.get(index), in));
        }
        return x;
    }

    private Operand<TFloat32> block(BuildContext ctx, Sequence seq, Attention attention, int index, Block b,
            Operand<TFloat32> x) {
        Ops tf = ctx.tf();
        double eps = config.layerNormEps();
        Operand<TFloat32> context = attention.apply(ctx, seq, Linear.apply(ctx, b.query(), x),
                Linear.apply(ctx, b.key(), x), Linear.apply(ctx, b.value(), x));
        Operand<TFloat32> attnOut = ctx.dropout().apply(Linear.apply(ctx, b.attnOut(), context),
                config.hiddenDropout());
        attnOut = ctx.hooks().applySubLayer(tf, index, SubLayer.ATTENTION, x, attnOut);
        Operand<TFloat32> a = Norms.layerNorm(tf, tf.math.add(attnOut, x), b.attnNormWeight(), b.attnNormBias(), eps);

        Operand<TFloat32> hidden = Activations.apply(tf, config.hiddenAct(), Linear.apply(ctx, b.intermediate(), a));
        Operand<TFloat32> ffOut = ctx.dropout().apply(Linear.apply(ctx, b.output(), hidden), config.hiddenDropout());
        ffOut = ctx.hooks().applySubLayer(tf, index, SubLayer.FEED_FORWARD, a, ffOut);
        return Norms.layerNorm(tf, tf.math.add(ffOut, a), b.outNormWeight(), b.outNormBias(), eps);
    }

    /** The pooler: tanh(dense(hidden of [CLS])). */
    @Override
    public Operand<TFloat32> pool(BuildContext ctx, Operand<TFloat32> hidden, Operand<TFloat32> mask) {
        return ctx.tf().math.tanh(Linear.apply(ctx, pooler, Pooling.first(ctx.tf(), hidden)));
    }

    @Override
    public ClassifierLayout classifierLayout() {
        return new ClassifierLayout("classifier", true);
    }

    @Override
    public Operand<TFloat32> lmHeadWeight() {
        throw new IllegalStateException("BERT has no causal-LM head");
    }

    @Override
    public BertMlmHead maskedLmHead() {
        if (maskedLmHead == null) {
            throw new IllegalStateException("the BERT graph was declared without a masked-LM head");
        }
        return maskedLmHead;
    }
}
