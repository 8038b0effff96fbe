package dev.peft4j.core.model.gpt2;

import dev.peft4j.core.model.Head;
import dev.peft4j.core.model.config.Gpt2Config;
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
import dev.peft4j.spi.method.LinearLayer;
import dev.peft4j.spi.method.SubLayer;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * GPT-2 as Hugging Face's {@code GPT2LMHeadModel} / {@code GPT2ForSequenceClassification}: learned positions, pre-LN
 * blocks, fused q/k/v projection {@code attn.c_attn}, Conv1D weights stored [in, out], output embedding tied to
 * {@code transformer.wte}. Weights are named {@code transformer.*}; checkpoints of the bare {@code GPT2Model} (no
 * prefix) load too. The {@code attn.bias} / {@code attn.masked_bias} buffers some files carry are not read.
 */
public final class Gpt2Architecture implements Architecture {

    private static final String PREFIX = "transformer.";

    private final Gpt2Config config;
    private final List<Block> blocks = new ArrayList<>();
    private Operand<TFloat32> wte;
    private Operand<TFloat32> wpe;
    private Operand<TFloat32> lnFinalWeight;
    private Operand<TFloat32> lnFinalBias;
    private Operand<TFloat32> lmHead;

    private record Block(Operand<TFloat32> ln1Weight, Operand<TFloat32> ln1Bias, LinearLayer attn, LinearLayer attnProj,
            Operand<TFloat32> ln2Weight, Operand<TFloat32> ln2Bias, LinearLayer fc, LinearLayer mlpProj) {
    }

    public Gpt2Architecture(Gpt2Config config) {
        this.config = config;
    }

    @Override
    public Gpt2Config config() {
        return config;
    }

    @Override
    public NameResolver names() {
        return NameResolver.optionalPrefix(PREFIX);
    }

    @Override
    public String wordEmbeddingName() {
        return PREFIX + "wte.weight";
    }

    @Override
    public List<String> defaultTargetModules() {
        return List.of("c_attn");
    }

    @Override
    public int maxPositions() {
        return config.maxPositions();
    }

    @Override
    public boolean causal() {
        return true;
    }

    @Override
    public void declare(WeightRegistry w, Head head, long seed) {
        if (head.type() == Head.Type.MASKED_LM) {
            throw new IllegalArgumentException("GPT-2 is a decoder and has no masked-LM head; train it as a causal LM"
                    + " (or use an encoder, bert, for masked-LM)");
        }
        int h = config.hiddenSize();
        wte = w.frozen(wordEmbeddingName(), config.vocabSize(), h);
        wpe = w.frozen(PREFIX + "wpe.weight", config.maxPositions(), h);
        for (int i = 0; i < config.numLayers(); i++) {
            String p = PREFIX + "h." + i + ".";
            blocks.add(new Block(
                    w.frozenNorm(p + "ln_1.weight", h), w.frozenNorm(p + "ln_1.bias", h),
                    w.linear(p + "attn.c_attn", i, h, 3 * h, true, true),
                    w.linear(p + "attn.c_proj", i, h, h, true, true),
                    w.frozenNorm(p + "ln_2.weight", h), w.frozenNorm(p + "ln_2.bias", h),
                    w.linear(p + "mlp.c_fc", i, h, config.intermediateSize(), true, true),
                    w.linear(p + "mlp.c_proj", i, config.intermediateSize(), h, true, true)));
        }
        lnFinalWeight = w.frozenNorm(PREFIX + "ln_f.weight", h);
        lnFinalBias = w.frozenNorm(PREFIX + "ln_f.bias", h);
        if (head.type() == Head.Type.CAUSAL_LM) {
            boolean untied = !config.tieWordEmbeddings() && w.inStore("lm_head.weight");
            lmHead = untied ? w.frozen("lm_head.weight", config.vocabSize(), h) : wte;
        }
    }

    @Override
    public Operand<TFloat32> wordEmbeddings(BuildContext ctx, Operand<TInt32> ids) {
        return ctx.tf().gather(wte, ids, ctx.tf().constant(0));
    }

    @Override
    public Operand<TFloat32> encode(BuildContext ctx, Sequence seq, Operand<TFloat32> embeddings,
            Operand<TInt32> tokenTypes) {
        Ops tf = ctx.tf();
        Operand<TFloat32> x = tf.math.add(embeddings, tf.gather(wpe, seq.positions(), tf.constant(0)));
        x = ctx.dropout().apply(x, config.embeddingDropout());
        x = tf.reshape(x, tf.constant(new int[] {-1, config.hiddenSize()}));
        for (int i = 0; i < blocks.size(); i++) {
            int index = i;
            x = ctx.checkpoints().block(x, in -> block(ctx, seq, index, blocks.get(index), in));
        }
        return Norms.layerNorm(tf, x, lnFinalWeight, lnFinalBias, config.layerNormEps());
    }

    private Operand<TFloat32> block(BuildContext ctx, Sequence seq, int index, Block b, Operand<TFloat32> x) {
        Ops tf = ctx.tf();
        double eps = config.layerNormEps();
        Operand<TFloat32> attnIn = Norms.layerNorm(tf, x, b.ln1Weight(), b.ln1Bias(), eps);
        var qkv = tf.split(tf.constant(1), Linear.apply(ctx, b.attn(), attnIn), 3L).output();
        Operand<TFloat32> context = attention(index).apply(ctx, seq, qkv.get(0), qkv.get(1), qkv.get(2));
        Operand<TFloat32> attnOut = ctx.dropout().apply(Linear.apply(ctx, b.attnProj(), context),
                config.residualDropout());
        attnOut = ctx.hooks().applySubLayer(tf, index, SubLayer.ATTENTION, attnIn, attnOut);
        x = tf.math.add(x, attnOut);

        Operand<TFloat32> mlpIn = Norms.layerNorm(tf, x, b.ln2Weight(), b.ln2Bias(), eps);
        Operand<TFloat32> hidden = Activations.apply(tf, config.activation(), Linear.apply(ctx, b.fc(), mlpIn));
        Operand<TFloat32> mlpOut = ctx.dropout().apply(Linear.apply(ctx, b.mlpProj(), hidden),
                config.residualDropout());
        mlpOut = ctx.hooks().applySubLayer(tf, index, SubLayer.FEED_FORWARD, mlpIn, mlpOut);
        return tf.math.add(x, mlpOut);
    }

    private Attention attention(int layerIndex) {
        double scale = config.scaleAttnWeights() ? 1 / Math.sqrt(config.headDim()) : 1;
        if (config.scaleAttnByInverseLayerIdx()) {
            scale /= layerIndex + 1;
        }
        return new Attention(config.numHeads(), config.numHeads(), config.headDim(), scale, config.attentionDropout(),
                null);
    }

    @Override
    public Operand<TFloat32> pool(BuildContext ctx, Operand<TFloat32> hidden, Operand<TFloat32> mask) {
        return Pooling.lastToken(ctx.tf(), hidden, mask);
    }

    @Override
    public ClassifierLayout classifierLayout() {
        return new ClassifierLayout("score", false);
    }

    @Override
    public Operand<TFloat32> lmHeadWeight() {
        if (lmHead == null) {
            throw new IllegalStateException("the GPT-2 graph was declared without a causal-LM head");
        }
        return lmHead;
    }
}
