package dev.peft4j.plugins.adapter.settings;

import dev.peft4j.spi.method.SubLayer;
import java.util.Arrays;

/** Where in a transformer block an adapter attaches. */
public enum Placement {
    /** At the self-attention sub-layer (after its output projection, before the residual add). */
    ATTENTION("attention", "attention", SubLayer.ATTENTION),
    /** At the feed-forward sub-layer (after its output projection, before the residual add). */
    FEED_FORWARD("feed-forward", "feed_forward", SubLayer.FEED_FORWARD);

    private final String settingName;
    private final String savedName;
    private final SubLayer subLayer;

    Placement(String settingName, String savedName, SubLayer subLayer) {
        this.settingName = settingName;
        this.savedName = savedName;
        this.subLayer = subLayer;
    }

    public String settingName() {
        return settingName;
    }

    /** The name in variable names and the saved config, e.g. {@code feed_forward}. */
    public String savedName() {
        return savedName;
    }

    public SubLayer subLayer() {
        return subLayer;
    }

    /** Reads either spelling ({@code feed-forward} in HOCON, {@code feed_forward} in saved configs). */
    public static Placement parse(String value) {
        return Arrays.stream(values())
                .filter(p -> p.settingName.equals(value) || p.savedName.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "placements must be attention or feed-forward, got '" + value + "'"));
    }
}
