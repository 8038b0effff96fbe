package dev.peft4j.plugins.lora.settings;

import java.util.Arrays;

/** Which base biases train with the adapter (PEFT's {@code bias}). */
public enum LoraBias {
    /** No bias trains. */
    NONE("none", "none"),
    /** The bias of every linear layer trains. */
    ALL("all", "all"),
    /** The biases of the adapted layers train. */
    LORA_ONLY("lora-only", "lora_only");

    private final String settingName;
    private final String peftName;

    LoraBias(String settingName, String peftName) {
        this.settingName = settingName;
        this.peftName = peftName;
    }

    public String settingName() {
        return settingName;
    }

    /** The value of {@code bias} in {@code adapter_config.json}. */
    public String peftName() {
        return peftName;
    }

    /** Reads either spelling ({@code lora-only} in HOCON, {@code lora_only} in PEFT configs). */
    public static LoraBias parse(String value) {
        return Arrays.stream(values())
                .filter(b -> b.settingName.equals(value) || b.peftName.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "bias must be one of none, all, lora-only; got '" + value + "'"));
    }
}
