package dev.peft4j.core.model.config;

import java.util.Arrays;
import java.util.Locale;

/** The feed-forward non-linearities of the supported architectures, by their Hugging Face names. */
public enum Activation {
    /** {@code gelu}: x·Φ(x) with the exact normal CDF (erf). */
    GELU_EXACT("gelu"),
    /** {@code gelu_new}, {@code gelu_pytorch_tanh}, {@code gelu_fast}: the tanh approximation GPT-2 uses. */
    GELU_TANH("gelu_new", "gelu_pytorch_tanh", "gelu_fast"),
    RELU("relu"),
    /** {@code silu} / {@code swish}: x·sigmoid(x), LLaMA's gate activation. */
    SILU("silu", "swish");

    private final String[] hfNames;

    Activation(String... hfNames) {
        this.hfNames = hfNames;
    }

    static Activation fromHf(String name, ConfigJson json, String key) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (Activation a : values()) {
            if (Arrays.asList(a.hfNames).contains(wanted)) {
                return a;
            }
        }
        throw json.error(key, "names the activation '" + name + "', which peft4j does not implement; supported: "
                + Arrays.stream(values()).flatMap(a -> Arrays.stream(a.hfNames)).toList());
    }
}
