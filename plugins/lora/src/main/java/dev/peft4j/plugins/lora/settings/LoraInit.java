package dev.peft4j.plugins.lora.settings;

import java.util.Arrays;

/** How A starts; B always starts at zero, so every choice here begins as the base model. */
public enum LoraInit {
    /** A ~ U(-1/sqrt(in), 1/sqrt(in)): PyTorch's Kaiming-uniform with a = sqrt(5), PEFT's {@code init_lora_weights = true}. */
    KAIMING_UNIFORM("kaiming-uniform", Boolean.TRUE),
    /** A ~ N(0, (1/r)^2): PEFT's {@code init_lora_weights = "gaussian"}. */
    GAUSSIAN("gaussian", "gaussian");

    private final String settingName;
    private final Object peftValue;

    LoraInit(String settingName, Object peftValue) {
        this.settingName = settingName;
        this.peftValue = peftValue;
    }

    public String settingName() {
        return settingName;
    }

    /** The value of {@code init_lora_weights} in {@code adapter_config.json}. */
    public Object peftValue() {
        return peftValue;
    }

    public static LoraInit parse(String value) {
        return Arrays.stream(values())
                .filter(i -> i.settingName.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "init must be one of kaiming-uniform, gaussian; got '" + value + "'"));
    }
}
