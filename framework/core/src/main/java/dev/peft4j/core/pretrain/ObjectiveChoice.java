package dev.peft4j.core.pretrain;

import java.util.Optional;

/** {@code pretrain.objective}: an objective, or {@code auto} for the one the model family was pretrained with. */
public enum ObjectiveChoice {
    AUTO,
    MASKED_LM,
    CAUSAL_LM;

    /** The objective for a model of {@code modelType}; it may not suit that model (checked by the run settings). */
    public Objective resolve(String modelType) {
        return fixed().orElseGet(() -> Objective.nativeTo(modelType));
    }

    /** The chosen objective; empty for {@link #AUTO}. */
    public Optional<Objective> fixed() {
        return switch (this) {
            case AUTO -> Optional.empty();
            case MASKED_LM -> Optional.of(Objective.MASKED_LM);
            case CAUSAL_LM -> Optional.of(Objective.CAUSAL_LM);
        };
    }
}
