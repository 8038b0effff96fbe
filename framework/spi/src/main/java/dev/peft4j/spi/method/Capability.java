package dev.peft4j.spi.method;

/** Promises a method makes; the testkit checks each one it declares. */
public enum Capability {
    /** Before training, the model with the method injected computes exactly what the base model computes. */
    IDENTITY_AT_INIT,
    /** The trained method can be folded into the base weights (see {@link TuningMethod#merge}). */
    MERGEABLE
}
