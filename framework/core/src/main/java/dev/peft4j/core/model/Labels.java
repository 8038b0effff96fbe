package dev.peft4j.core.model;

/** The targets of one batch, in the form the model's {@link Head} expects. */
public sealed interface Labels {

    /** Class indices [B] for {@link Head.Type#SEQUENCE_CLASSIFICATION}. */
    record Classes(int[] values) implements Labels {
    }

    /** Real-valued targets [B] for {@link Head.Type#REGRESSION}. */
    record Targets(float[] values) implements Labels {
    }

    /**
     * Token ids [B·T], row-major, for {@link Head.Type#CAUSAL_LM}: usually the input ids themselves, with
     * {@link Head#IGNORE_INDEX} where no loss is wanted (padding, prompt text); the model shifts them by one. For
     * {@link Head.Type#MASKED_LM}: the original token at each masked position, {@link Head#IGNORE_INDEX} elsewhere;
     * not shifted.
     */
    record Tokens(int[] values) implements Labels {
    }
}
