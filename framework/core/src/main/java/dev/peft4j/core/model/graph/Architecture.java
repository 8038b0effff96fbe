package dev.peft4j.core.model.graph;

import dev.peft4j.core.model.Head;
import dev.peft4j.core.model.config.ModelConfig;
import dev.peft4j.core.model.layers.BuildContext;
import dev.peft4j.core.model.layers.Sequence;
import dev.peft4j.core.model.weights.NameResolver;
import dev.peft4j.core.model.weights.WeightRegistry;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One transformer family as a graph recipe. The host calls {@link #declare} first (frozen weights and the linear
 * layer list exist before any method is injected), then, after injection, the forward methods.
 */
public interface Architecture {

    ModelConfig config();

    /** Where the checkpoint may hold each weight. */
    NameResolver names();

    /** The canonical name of the word embedding matrix [vocab, H], e.g. {@code transformer.wte.weight}. */
    String wordEmbeddingName();

    /** Modules a PEFT {@code target_modules} default means for this architecture, as Hugging Face PEFT maps them. */
    List<String> defaultTargetModules();

    /** The longest sequence (virtual tokens included) the position embeddings cover. */
    int maxPositions();

    /** True for decoders: a position attends only to itself and earlier positions. */
    boolean causal();

    /**
     * Declares every frozen weight {@code head} needs, in checkpoint order.
     *
     * @param seed seeds weights the architecture needs but a checkpoint may lack (e.g. BERT's pooler)
     */
    void declare(WeightRegistry weights, Head head, long seed);

    /** Word embeddings [B, T, H] of {@code ids} [B, T]. */
    Operand<TFloat32> wordEmbeddings(BuildContext ctx, Operand<TInt32> ids);

    /**
     * Position and type embeddings, the blocks and the final normalisation.
     *
     * @param embeddings [B, S, H]: virtual tokens followed by the word embeddings
     * @param tokenTypes [B, S] segment ids (zero for virtual tokens)
     * @return hidden states [B·S, H]
     */
    Operand<TFloat32> encode(BuildContext ctx, Sequence seq, Operand<TFloat32> embeddings, Operand<TInt32> tokenTypes);

    /**
     * The features a classification head reads.
     *
     * @param hidden [B, T, H] hidden states of the real tokens
     * @param mask   [B, T] their attention mask
     * @return [B, H]
     */
    Operand<TFloat32> pool(BuildContext ctx, Operand<TFloat32> hidden, Operand<TFloat32> mask);

    /** The classification head's module as Hugging Face names it: {@code classifier} (with bias) or {@code score}. */
    ClassifierLayout classifierLayout();

    /** The output embedding [vocab, H] of a causal-LM head (tied to the input embedding or {@code lm_head.weight}). */
    Operand<TFloat32> lmHeadWeight();

    /** The masked-LM head {@link #declare} declared for a {@link Head.Type#MASKED_LM} head; encoders only. */
    default MaskedLmHead maskedLmHead() {
        throw new IllegalStateException(config().modelType() + " has no masked-LM head");
    }

    /** @param module e.g. {@code classifier}; @param bias whether the head has {@code module.bias} */
    record ClassifierLayout(String module, boolean bias) {
    }
}
