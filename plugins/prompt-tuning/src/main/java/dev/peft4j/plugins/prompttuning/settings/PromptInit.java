package dev.peft4j.plugins.prompttuning.settings;

import java.util.Arrays;

/** How the virtual tokens start; the names are PEFT's {@code PromptTuningInit}. */
public enum PromptInit {
    /** N(0, std²). */
    RANDOM("random", "RANDOM"),
    /** The base embeddings of a text's tokens. */
    TEXT("text", "TEXT"),
    /** The base embeddings of uniformly drawn vocabulary ids. */
    SAMPLE_VOCAB("sample-vocab", "SAMPLE_VOCAB");

    private final String settingName;
    private final String peftName;

    PromptInit(String settingName, String peftName) {
        this.settingName = settingName;
        this.peftName = peftName;
    }

    public String settingName() {
        return settingName;
    }

    /** The value of {@code prompt_tuning_init} in {@code adapter_config.json}. */
    public String peftName() {
        return peftName;
    }

    /** Reads either spelling ({@code sample-vocab} in HOCON, {@code SAMPLE_VOCAB} in PEFT configs). */
    public static PromptInit parse(String value) {
        return Arrays.stream(values())
                .filter(i -> i.settingName.equals(value) || i.peftName.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "init must be one of random, text, sample-vocab; got '" + value + "'"));
    }
}
