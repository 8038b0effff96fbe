package dev.peft4j.core.model.llama;

import dev.peft4j.core.model.Head;
import dev.peft4j.core.model.ModelLoadException;
import dev.peft4j.core.model.config.LlamaConfig;
import dev.peft4j.core.model.graph.Architecture;
import dev.peft4j.core.model.layers.Activations;
import dev.peft4j.core.model.layers.Attention;
import dev.peft4j.core.model.layers.BuildContext;
import dev.peft4j.core.model.layers.Linear;
import dev.peft4j.core.model.layers.Norms;
import dev.peft4j.core.model.layers.Pooling;
import dev.peft4j.core.model.layers.Rotary;
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
 * The LLaMA family as Hugging Face's {@code LlamaForCausalLM} / {@code LlamaForSequenceClassification}: RMSNorm
 * pre-norm blocks, rotary positions, grouped-query attention, SwiGLU feed-forward
 * ({@code down(act(gate(x)) * up(x))}), {@code lm_head.weight} or an output embedding tied to the input one.
 */
public final class LlamaArchitecture implements Architecture {

    private final LlamaConfig config;
    private final List<Block> blocks = new ArrayList<>();
    private Operand<TFloat32> embedTokens;
    private Operand<TFloat32> finalNorm;
    private Operand<TFloat32> lmHead;

    private record Block(Operand<TFloat32> inputNorm, LinearLayer q, LinearLayer k, LinearLayer v, LinearLayer o,
            Operand<TFloat32> postNorm, LinearLayer gate, LinearLayer up, LinearLayer down) {
    }

    public LlamaArchitecture(LlamaConfig config) {
        this.config = config;
    }

    @Override
    public LlamaConfig config() {
        return config;
    }

    @Override
    public NameResolver names() {
        return List::of;
    }

    @Override
    public String wordEmbeddingName() {
        return "model.embed_tokens.weight";
    }

    @Override
    public List<String> defaultTargetModules() {
        return List.of("q_proj", "v_proj");
    }

    /** Rotary positions have no table; like Hugging Face, peft4j does not cut sequences at max_position_embeddings. */
    @Override
    public int maxPositions() {
        return Integer.MAX_VALUE;
    }

    @Override
    public boolean causal() {
        return true;
    }

    @Override
    public void declare(WeightRegistry w, Head head, long seed) {
        if (head.type() == Head.Type.MASKED_LM) {
            throw new IllegalArgumentException("LLaMA is a decoder and has no masked-LM head; train it as a causal LM"
                    + " (or use an encoder, bert, for masked-LM)");
        }
        int h = config.hiddenSize();
        int attn = config.numHeads() * config.headDim();
        int kv = config.numKeyValueHeads() * config.headDim();
        int inter = config.intermediateSize();
        embedTokens = w.frozen(wordEmbeddingName(), config.vocabSize(), h);
        for (int i = 0; i < config.numLayers(); i++) {
            String p = "model.layers." + i + ".";
            blocks.add(new Block(
                    w.frozenNorm(p + "input_layernorm.weight", h),
                    w.linear(p + "self_attn.q_proj", i, h, attn, false, config.qkvBias()),
                    w.linear(p + "self_attn.k_proj", i, h, kv, false, config.qkvBias()),
                    w.linear(p + "self_attn.v_proj", i, h, kv, false, config.qkvBias()),
                    w.linear(p + "self_attn.o_proj", i, attn, h, false, config.outputBias()),
                    w.frozenNorm(p + "post_attention_layernorm.weight", h),
                    w.linear(p + "mlp.gate_proj", i, h, inter, false, config.mlpBias()),
                    w.linear(p + "mlp.up_proj", i, h, inter, false, config.mlpBias()),
                    w.linear(p + "mlp.down_proj", i, inter, h, false, config.mlpBias())));
        }
        finalNorm = w.frozenNorm("model.norm.weight", h);
        if (head.type() == Head.Type.CAUSAL_LM) {
            // As transformers: a tied config uses the input embedding even when the file also holds a copy of it
            if (config.tieWordEmbeddings()) {
                lmHead = embedTokens;
            } else if (w.inStore("lm_head.weight")) {
                lmHead = w.frozen("lm_head.weight", config.vocabSize(), h);
            } else {
                throw new ModelLoadException("the checkpoint has no 'lm_head.weight' and config.json does not set "
                        + "tie_word_embeddings; a causal-LM head needs one of them");
            }
        }
    }

    @Override
    public Operand<TFloat32> wordEmbeddings(BuildContext ctx, Operand<TInt32> ids) {
        return ctx.tf().gather(embedTokens, ids, ctx.tf().constant(0));
    }

    @Override
    public Operand<TFloat32> encode(BuildContext ctx, Sequence seq, Operand<TFloat32> embeddings,
            Operand<TInt32> tokenTypes) {
        Ops tf = ctx.tf();
        Rotary rotary = Rotary.of(tf, seq.positions(), inverseFrequencies());
        Attention attention = new Attention(config.numHeads(), config.numKeyValueHeads(), config.headDim(),
                1 / Math.sqrt(config.headDim()), config.attentionDropout(), rotary);
        Operand<TFloat32> x = tf.reshape(embeddings, tf.constant(new int[] {-1, config.hiddenSize()}));
        for (int i = 0; i < blocks.size(); i++) {
            int index = i;
            x = ctx.checkpoints().block(x, in -> block(ctx, seq, attention, index, blocks.get(index), in));
        }
        return Norms.rmsNorm(tf, x, finalNorm, config.rmsNormEps());
    }

    private Operand<TFloat32> block(BuildContext ctx, Sequence seq, Attention attention, int index, Block b,
            Operand<TFloat32> x) {
        Ops tf = ctx.tf();
        double eps = config.rmsNormEps();
        Operand<TFloat32> attnIn = Norms.rmsNorm(tf, x, b.inputNorm(), eps);
        Operand<TFloat32> context = attention.apply(ctx, seq, Linear.apply(ctx, b.q(), attnIn),
                Linear.apply(ctx, b.k(), attnIn), Linear.apply(ctx, b.v(), attnIn));
        Operand<TFloat32> attnOut = Linear.apply(ctx, b.o(), context);
        attnOut = ctx.hooks().applySubLayer(tf, index, SubLayer.ATTENTION, attnIn, attnOut);
        x = tf.math.add(x, attnOut);

        Operand<TFloat32> mlpIn = Norms.rmsNorm(tf, x, b.postNorm(), eps);
        Operand<TFloat32> gated = tf.math.mul(
                Activations.apply(tf, config.hiddenAct(), Linear.apply(ctx, b.gate(), mlpIn)),
                Linear.apply(ctx, b.up(), mlpIn));
        Operand<TFloat32> mlpOut = Linear.apply(ctx, b.down(), gated);
        mlpOut = ctx.hooks().applySubLayer(tf, index, SubLayer.FEED_FORWARD, mlpIn, mlpOut);
        return tf.math.add(x, mlpOut);
    }

    /** 1 / theta^(2i / headDim), scaled as {@code rope_scaling} says. */
    float[] inverseFrequencies() {
        int half = config.headDim() / 2;
        double[] freq = new double[half];
        for (int i = 0; i < half; i++) {
            freq[i] = 1 / Math.pow(config.ropeTheta(), (2.0 * i) / config.headDim());
        }
        double[] scaled = config.ropeScaling().scale(freq);
        float[] out = new float[half];
        for (int i = 0; i < half; i++) {
            out[i] = (float) scaled[i];
        }
        return out;
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
            throw new IllegalStateException("the LLaMA graph was declared without a causal-LM head");
        }
        return lmHead;
    }
}
