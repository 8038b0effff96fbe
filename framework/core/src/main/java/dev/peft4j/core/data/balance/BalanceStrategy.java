package dev.peft4j.core.data.balance;

/** How the training split's class imbalance is handled (classification only). */
public enum BalanceStrategy {
    /** Train on the rows as they are. */
    NONE,
    /** Keep a random subset of every class as large as the smallest class. */
    UNDERSAMPLE,
    /** Draw extra rows of every smaller class, with replacement, until it is as large as the largest. */
    OVERSAMPLE,
    /** Keep the rows and weight each class's loss by n / (k * count): see {@link ClassWeights}. */
    CLASS_WEIGHTS
}
