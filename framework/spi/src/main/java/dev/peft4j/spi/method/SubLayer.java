package dev.peft4j.spi.method;

/** The two sub-layers of every transformer block, where residual modules attach. */
public enum SubLayer {
    /** Self-attention including its output projection. */
    ATTENTION,
    /** The feed-forward block (MLP) including its output projection. */
    FEED_FORWARD
}
