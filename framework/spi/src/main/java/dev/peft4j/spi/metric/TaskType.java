package dev.peft4j.spi.metric;

/** What a model predicts; metrics declare which tasks they can score. */
public enum TaskType {
    /** One class out of N per example. */
    CLASSIFICATION,
    /** One real number per example. */
    REGRESSION,
    /** The next token at every position. */
    CAUSAL_LM
}
