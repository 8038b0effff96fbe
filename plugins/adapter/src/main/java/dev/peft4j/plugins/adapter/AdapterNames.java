package dev.peft4j.plugins.adapter;

import dev.peft4j.plugins.adapter.settings.Placement;

/**
 * Variable names of one adapter, also its tensor names in {@code adapter_model.safetensors}:
 * {@code adapters.<block>.<placement>.<part>}, e.g. {@code adapters.3.feed_forward.down.weight}. Every name starts
 * with the method's prefix {@value #PREFIX}.
 */
public record AdapterNames(int block, Placement placement) {

    public static final String PREFIX = "adapters.";

    private String name(String part) {
        return PREFIX + block + "." + placement.savedName() + "." + part;
    }

    /** [bottleneck, hidden]. */
    public String downWeight() {
        return name("down.weight");
    }

    /** [bottleneck]. */
    public String downBias() {
        return name("down.bias");
    }

    /** [hidden, bottleneck]. */
    public String upWeight() {
        return name("up.weight");
    }

    /** [hidden]. */
    public String upBias() {
        return name("up.bias");
    }

    /** [1], with a learned scaling only. */
    public String scaling() {
        return name("scaling");
    }

    /** [hidden], with layer norm only. */
    public String layerNormWeight() {
        return name("layer_norm.weight");
    }

    /** [hidden], with layer norm only. */
    public String layerNormBias() {
        return name("layer_norm.bias");
    }
}
