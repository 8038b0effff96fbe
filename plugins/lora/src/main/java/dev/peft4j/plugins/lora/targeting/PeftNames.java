package dev.peft4j.plugins.lora.targeting;

/**
 * Tensor names as Hugging Face PEFT writes them in {@code adapter_model.safetensors}: the module's full name under
 * {@code base_model.model.}, without the adapter name PEFT uses in memory.
 */
public final class PeftNames {

    private static final String SAVED_PREFIX = "base_model.model.";

    private PeftNames() {
    }

    /** {@code base_model.model.<module>.lora_A.weight}, shape [r, in]. */
    public static String loraA(String module) {
        return saved(module + ".lora_A.weight");
    }

    /** {@code base_model.model.<module>.lora_B.weight}, shape [out, r]. */
    public static String loraB(String module) {
        return saved(module + ".lora_B.weight");
    }

    /** DoRA's magnitude [out]; PEFT strips the {@code .weight} suffix of this parameter when it saves. */
    public static String magnitude(String module) {
        return saved(module + ".lora_magnitude_vector");
    }

    /** The base checkpoint's weight of a module. */
    public static String weight(String module) {
        return module + ".weight";
    }

    /** The base checkpoint's bias of a module. */
    public static String bias(String module) {
        return module + ".bias";
    }

    /** A base tensor trained with the adapter (a bias, a module to save), as PEFT saves it. */
    public static String saved(String baseName) {
        return SAVED_PREFIX + baseName;
    }
}
