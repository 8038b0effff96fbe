package dev.peft4j.core.pretrain;

import dev.peft4j.core.model.Head;

/** What continued pretraining teaches the model to predict. */
public enum Objective {
    /** BERT's objective: 15% of the tokens are selected and mostly masked; the model restores them. */
    MASKED_LM(Head.maskedLm()),
    /** GPT-2's and LLaMA's objective: every next token. */
    CAUSAL_LM(Head.causalLm());

    private final Head head;

    Objective(Head head) {
        this.head = head;
    }

    /** The model head that predicts the tokens of this objective. */
    public Head head() {
        return head;
    }

    /** The objective a model family pretrains with: masked-LM for the BERT encoder, causal-LM for decoders. */
    public static Objective nativeTo(String modelType) {
        return modelType.equals("bert") ? MASKED_LM : CAUSAL_LM;
    }

    /** As pipelines write it: {@code masked-lm}, {@code causal-lm}. */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
