package dev.peft4j.core.train;

/**
 * How a forward pass runs: in training mode (dropout on) with the seed of its random ops, or in inference mode.
 * Models use stateless random ops keyed by {@code seed}, so a resumed run draws the same dropout masks as an
 * uninterrupted one.
 */
public record ForwardMode(boolean training, long seed) {

    public static ForwardMode inference() {
        return new ForwardMode(false, 0L);
    }

    public static ForwardMode training(long seed) {
        return new ForwardMode(true, seed);
    }
}
