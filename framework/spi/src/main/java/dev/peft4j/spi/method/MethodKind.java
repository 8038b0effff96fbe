package dev.peft4j.spi.method;

/** The two families of PEFT methods, kept apart as Hugging Face PEFT keeps them. */
public enum MethodKind {
    /** Adds trainable modules inside the network: LoRA, IA3, bottleneck adapters. */
    LAYER_INJECTION,
    /** Adds trainable inputs in front of the sequence: prompt tuning, prefix tuning. */
    PROMPT_LEARNING
}
