package dev.peft4j.core.model;

/**
 * The task head on top of the transformer.
 *
 * @param numLabels classes for {@link Type#SEQUENCE_CLASSIFICATION}, 1 for {@link Type#REGRESSION}, 0 for
 *                  {@link Type#CAUSAL_LM} and {@link Type#MASKED_LM} (the vocabulary is the output)
 */
public record Head(Type type, int numLabels) {

    public enum Type {
        /** Next-token prediction: logits [B, T, vocab]; labels [B, T], shifted inside; -100 and padding ignored. */
        CAUSAL_LM,
        /**
         * The original token at masked positions (BERT's pretraining objective): logits [B, T, vocab]; labels [B, T],
         * the token at each masked position and -100 elsewhere, not shifted.
         */
        MASKED_LM,
        /** One class per sequence: logits [B, numLabels]; labels [B] class indices; cross-entropy. */
        SEQUENCE_CLASSIFICATION,
        /** One number per sequence: logits [B, 1]; labels [B] targets; mean squared error. */
        REGRESSION
    }

    /** The value of ignored positions in language-model labels, as in PyTorch's cross-entropy. */
    public static final int IGNORE_INDEX = -100;

    public Head {
        switch (type) {
            case CAUSAL_LM, MASKED_LM -> {
                if (numLabels != 0) {
                    throw new IllegalArgumentException("a language-model head predicts the vocabulary; numLabels must"
                            + " be 0");
                }
            }
            case SEQUENCE_CLASSIFICATION -> {
                if (numLabels < 2) {
                    throw new IllegalArgumentException("sequence classification needs at least 2 labels but got "
                            + numLabels + "; use a regression head for a single output");
                }
            }
            case REGRESSION -> {
                if (numLabels != 1) {
                    throw new IllegalArgumentException("a regression head has exactly 1 output");
                }
            }
        }
    }

    public static Head causalLm() {
        return new Head(Type.CAUSAL_LM, 0);
    }

    public static Head maskedLm() {
        return new Head(Type.MASKED_LM, 0);
    }

    /** True for the heads that predict tokens ({@link Type#CAUSAL_LM}, {@link Type#MASKED_LM}). */
    public boolean predictsTokens() {
        return type == Type.CAUSAL_LM || type == Type.MASKED_LM;
    }

    public static Head classification(int numLabels) {
        return new Head(Type.SEQUENCE_CLASSIFICATION, numLabels);
    }

    public static Head regression() {
        return new Head(Type.REGRESSION, 1);
    }
}
