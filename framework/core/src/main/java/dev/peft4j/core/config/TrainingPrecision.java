package dev.peft4j.core.config;

/** {@code training.precision}: the arithmetic of the forward and backward passes. */
public enum TrainingPrecision {
    /** Everything in fp32. */
    FP32,
    /** fp16 compute with fp32 trained variables and optimizer state, and loss scaling against underflow. */
    FP16_MIXED,
    /** bf16 compute with fp32 trained variables and optimizer state. */
    BF16_MIXED
}
