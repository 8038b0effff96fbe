package dev.peft4j.core.model.graph;

import dev.peft4j.core.model.layers.BuildContext;
import dev.peft4j.core.model.layers.Sequence;
import dev.peft4j.core.model.surgery.HookPlan;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/** Builds the forward pass once the weights are declared and the adapters injected. */
public final class ForwardGraph {

    private ForwardGraph() {
    }

    /**
     * @param hidden [B, T, H] final hidden states of the real tokens (virtual tokens removed)
     */
    public record Outputs(Operand<TFloat32> logits, Operand<TFloat32> loss, Operand<TFloat32> lossWeight,
            Operand<TFloat32> hidden) {
    }

    /**
     * @param inputIds      [B, T]
     * @param attentionMask [B, T]
     * @param tokenTypeIds  [B, T]
     * @param labels        the head's labels
     */
    public static Outputs build(BuildContext ctx, Architecture arch, TaskHead head, Operand<TInt32> inputIds,
            Operand<TInt32> attentionMask, Operand<TInt32> tokenTypeIds, Operand<? extends TNumber> labels) {
        Ops tf = ctx.tf();
        HookPlan hooks = ctx.hooks();
        List<HookPlan.Prompt> prompts = hooks.prompts();
        int promptLength = hooks.promptLength();
        int width = arch.config().hiddenSize();

        Operand<TFloat32> realMask = tf.dtypes.cast(attentionMask, TFloat32.class);
        Sequence seq = SequenceBuilder.build(tf, realMask, prompts, arch.causal());
        Operand<TFloat32> embeddings = SequenceBuilder.embeddings(tf, seq, arch.wordEmbeddings(ctx, inputIds), prompts,
                width);
        Operand<TInt32> types = SequenceBuilder.tokenTypes(tf, seq, tokenTypeIds, promptLength);
        Operand<TFloat32> encoded = arch.encode(ctx, seq, embeddings, types);
        Operand<TFloat32> real = SequenceBuilder.realTokens(tf, seq, encoded, promptLength, width);
        TaskHead.Outputs out = head.build(ctx, real, realMask, labels);
        return new Outputs(out.logits(), out.loss(), out.lossWeight(), real);
    }
}
