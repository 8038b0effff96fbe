package dev.peft4j.plugins.lora.settings;

import com.typesafe.config.Config;
import dev.peft4j.spi.method.AdapterConfigValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * LoRA settings as Hugging Face PEFT writes them in {@code adapter_config.json} (keys of {@code LoraConfig}, PEFT 0.10
 * to 0.19), both ways.
 */
public final class PeftLoraConfig {

    public static final String PEFT_TYPE = "LORA";

    /** Keys every PEFT config carries and the host writes; a method has nothing to read in them. */
    private static final Set<String> HOST_KEYS = Set.of("peft_type", "task_type", "base_model_name_or_path",
            "revision", "inference_mode", "auto_mapping", "peft_version", "peft4j_version");

    /** Keys PEFT writes that do not change what a loaded adapter computes. */
    private static final Set<String> IRRELEVANT_KEYS = Set.of(
            "layers_pattern",      // peft4j knows each layer's block index from the model itself
            "fan_in_fan_out",      // the model's layer tells whether its weight is [in, out]
            "megatron_core", "qalora_group_size", "ensure_weight_tying",
            "loftq_config", "eva_config", "corda_config", "lora_ga_config"); // initialisation recipes

    /** Keys of PEFT features peft4j lacks: accepted only at their neutral value (null, false, empty). */
    private static final Set<String> UNSUPPORTED_KEYS = Set.of("lora_bias", "use_qalora", "layer_replication",
            "megatron_config", "trainable_token_indices", "target_parameters", "alora_invocation_tokens",
            "arrow_config", "use_bdlora");

    /** Initialisations that change the base weights, which a saved adapter alone cannot restore. */
    private static final List<String> BASE_CHANGING_INITS = List.of("pissa", "olora", "corda", "loftq");

    private PeftLoraConfig() {
    }

    /**
     * The method's keys of {@code adapter_config.json}.
     *
     * @param targetModules the {@code target_modules} value to write (names, a regex, {@code all-linear})
     * @param fanInFanOut   whether the adapted layers store their weight [in, out] (GPT-2's Conv1D)
     */
    public static Map<String, Object> write(LoraSettings settings, Object targetModules, boolean fanInFanOut) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("peft_type", PEFT_TYPE);
        config.put("r", settings.r());
        config.put("lora_alpha", number(settings.alpha()));
        config.put("lora_dropout", settings.dropout());
        config.put("target_modules", targetModules);
        config.put("exclude_modules", settings.excludeModules().peftValue() instanceof List<?> l && l.isEmpty()
                ? null : settings.excludeModules().peftValue());
        config.put("layers_to_transform", settings.layersToTransform().isEmpty() ? null : settings.layersToTransform());
        config.put("layers_pattern", null);
        config.put("rank_pattern", new LinkedHashMap<>(settings.rankPattern()));
        Map<String, Object> alphaPattern = new LinkedHashMap<>();
        settings.alphaPattern().forEach((key, alpha) -> alphaPattern.put(key, number(alpha)));
        config.put("alpha_pattern", alphaPattern);
        config.put("bias", settings.bias().peftName());
        config.put("use_rslora", settings.useRslora());
        config.put("use_dora", settings.useDora());
        config.put("lora_bias", false);
        config.put("fan_in_fan_out", fanInFanOut);
        config.put("init_lora_weights", settings.init().peftValue());
        config.put("modules_to_save", settings.modulesToSave().isEmpty() ? null : settings.modulesToSave());
        return config;
    }

    /**
     * Rebuilds settings from an {@code adapter_config.json} written by PEFT or peft4j. Keys absent from the file take
     * the plugin's defaults ({@code reference}), which equal PEFT's; unknown keys are logged as a warning.
     *
     * @throws IllegalArgumentException naming the key when the config is not a LoRA config, a value has the wrong type,
     *                                  or it uses a PEFT feature peft4j cannot reproduce
     */
    public static LoraSettings read(Map<String, Object> config, Config reference, Logger logger) {
        Object peftType = config.get("peft_type");
        if (peftType == null) {
            throw new IllegalArgumentException("adapter_config.json has no peft_type; a LoRA adapter declares \"peft_type\": \""
                    + PEFT_TYPE + "\"");
        }
        if (!PEFT_TYPE.equals(peftType)) {
            throw new IllegalArgumentException("adapter_config.json declares peft_type \"" + peftType
                    + "\" but the lora method reads \"" + PEFT_TYPE + "\" adapters; load it with the method for " + peftType);
        }
        AdapterConfigValues values = new AdapterConfigValues(config);
        for (String key : UNSUPPORTED_KEYS) {
            if (!isNeutral(values, key)) {
                throw new IllegalArgumentException("adapter_config.json sets " + key + " = " + config.get(key)
                        + ", a PEFT feature peft4j does not support; only adapters without it can be loaded");
            }
        }
        LoraInit init = init(config.get("init_lora_weights"), logger);
        LoraSettings defaults = LoraSettings.fromConfig(reference);
        try {
            LoraSettings settings = new LoraSettings(
                    values.integer("r", defaults.r()),
                    values.number("lora_alpha", defaults.alpha()),
                    values.number("lora_dropout", defaults.dropout()),
                    modules(values, "target_modules", new TargetModules.ArchitectureDefault()),
                    modules(values, "exclude_modules", new TargetModules.Names(List.of())),
                    layers(values, "layers_to_transform"),
                    patterns(values, "rank_pattern", Number::intValue),
                    patterns(values, "alpha_pattern", Number::doubleValue),
                    LoraBias.parse(values.string("bias", defaults.bias().peftName())),
                    values.bool("use_rslora", defaults.useRslora()),
                    values.bool("use_dora", defaults.useDora()),
                    init,
                    values.strings("modules_to_save"));
            warnUnknown(config, logger);
            return settings;
        } catch (InvalidSettingException e) {
            throw new IllegalArgumentException("adapter_config.json: " + peftKey(e.key()) + " " + e.getMessage(), e);
        }
    }

    private static LoraInit init(Object value, Logger logger) {
        if (value == null || Boolean.TRUE.equals(value) || Boolean.FALSE.equals(value)) {
            // false (B random) only changes the starting point; a loaded adapter's tensors come from its file
            return LoraInit.KAIMING_UNIFORM;
        }
        String name = String.valueOf(value);
        if (name.equals(LoraInit.GAUSSIAN.peftValue())) {
            return LoraInit.GAUSSIAN;
        }
        if (BASE_CHANGING_INITS.stream().anyMatch(name::startsWith)) {
            throw new IllegalArgumentException("adapter_config.json: init_lora_weights = \"" + name
                    + "\" changes the base weights, which peft4j cannot restore from the adapter; convert it in PEFT "
                    + "to a plain LoRA adapter (save_pretrained with path_initial_model_for_weight_conversion) first");
        }
        logger.warn("adapter_config.json: init_lora_weights = \"{}\" is not a peft4j initialisation; the adapter's "
                + "tensors are loaded from its file, so this only matters for training a new adapter", name);
        return LoraInit.KAIMING_UNIFORM;
    }

    private static void warnUnknown(Map<String, Object> config, Logger logger) {
        Set<String> unknown = new TreeSet<>(config.keySet());
        unknown.removeAll(HOST_KEYS);
        unknown.removeAll(IRRELEVANT_KEYS);
        unknown.removeAll(UNSUPPORTED_KEYS);
        unknown.removeAll(List.of("r", "lora_alpha", "lora_dropout", "target_modules", "exclude_modules",
                "layers_to_transform", "rank_pattern", "alpha_pattern", "bias", "use_rslora", "use_dora",
                "init_lora_weights", "modules_to_save"));
        if (!unknown.isEmpty()) {
            logger.warn("adapter_config.json: keys unknown to the lora method were ignored: {} "
                    + "(written by a newer PEFT? check that the adapter does not depend on them)", unknown);
        }
    }

    private static String peftKey(String settingKey) {
        return switch (settingKey) {
            case "alpha" -> "lora_alpha";
            case "dropout" -> "lora_dropout";
            case "init" -> "init_lora_weights";
            default -> settingKey.replace('-', '_');
        };
    }

    /** An integral value as an int (PEFT types lora_alpha as int), any other as a double. */
    private static Object number(double value) {
        return value == Math.rint(value) && Math.abs(value) < Integer.MAX_VALUE ? (Object) (int) value : (Object) value;
    }

    /** Absent, false, or an empty list or object: the PEFT feature under {@code key} is off. */
    private static boolean isNeutral(AdapterConfigValues values, String key) {
        Object value = values.raw(key);
        return value == null || Boolean.FALSE.equals(value)
                || value instanceof List<?> l && l.isEmpty() || value instanceof Map<?, ?> m && m.isEmpty();
    }

    private static TargetModules modules(AdapterConfigValues values, String key, TargetModules whenAbsent) {
        Object value = values.raw(key);
        if (value != null && !(value instanceof String) && !(value instanceof List<?>)) {
            throw AdapterConfigValues.wrongType(key, "a list of module names or a regex string", value);
        }
        try {
            return TargetModules.of(value, whenAbsent);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("adapter_config.json: " + key + " " + e.getMessage(), e);
        }
    }

    /** null → empty; a single integer → one element (PEFT accepts both). */
    private static List<Integer> layers(AdapterConfigValues values, String key) {
        Object value = values.raw(key);
        return value instanceof List<?> || value == null ? values.integers(key, List.of())
                : List.of(AdapterConfigValues.integral(key, value));
    }

    private static <V> Map<String, V> patterns(AdapterConfigValues values, String key, Function<Number, V> convert) {
        Object value = values.raw(key);
        Map<String, V> result = new LinkedHashMap<>();
        if (value == null) {
            return result;
        }
        if (!(value instanceof Map<?, ?> patterns)) {
            throw AdapterConfigValues.wrongType(key, "an object of module patterns to numbers", value);
        }
        patterns.forEach((pattern, number) -> {
            if (!(number instanceof Number n)) {
                throw AdapterConfigValues.wrongType(key + "." + pattern, "a number", number);
            }
            result.put(String.valueOf(pattern), convert.apply(n));
        });
        return result;
    }
}
