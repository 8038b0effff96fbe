package dev.peft4j.core.tokenizer;

/** Where pad tokens go in a batch row, as {@code padding_side} in {@code tokenizer_config.json} says. */
public enum PaddingSide {
    LEFT,
    RIGHT
}
