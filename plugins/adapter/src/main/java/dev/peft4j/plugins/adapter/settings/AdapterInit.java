package dev.peft4j.plugins.adapter.settings;

import java.util.Arrays;

/** How the projections start. */
public enum AdapterInit {
    /** Down-projection Kaiming-uniform (PyTorch's nn.Linear), up-projection and biases zero: exactly the identity. */
    IDENTITY("identity"),
    /** Both projections ~ N(0, normal-std²), biases zero (Houlsby et al.): near the identity. */
    NORMAL("normal");

    private final String settingName;

    AdapterInit(String settingName) {
        this.settingName = settingName;
    }

    public String settingName() {
        return settingName;
    }

    public static AdapterInit parse(String value) {
        return Arrays.stream(values())
                .filter(i -> i.settingName.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("init must be identity or normal, got '" + value + "'"));
    }
}
