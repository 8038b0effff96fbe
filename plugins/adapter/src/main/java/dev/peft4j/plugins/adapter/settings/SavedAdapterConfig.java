package dev.peft4j.plugins.adapter.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import dev.peft4j.spi.method.AdapterConfigValues;
import dev.peft4j.spi.method.ModelSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;

/**
 * A bottleneck adapter's {@code adapter_config.json}, both ways. The keys follow PEFT's style (snake_case), under the
 * peft4j-only {@code peft_type} {@value #PEFT_TYPE}; the host adds the common keys and the peft4j version.
 */
public final class SavedAdapterConfig {

    public static final String PEFT_TYPE = "BOTTLENECK_ADAPTER";

    /** Written into every saved config, for whoever opens it next to PEFT adapters. */
    public static final String NOTE = "peft4j bottleneck adapter: Hugging Face PEFT has no such adapter type and "
            + "cannot load it; peft4j's adapter plugin can";

    private static final Set<String> HOST_KEYS = Set.of("peft_type", "task_type", "base_model_name_or_path",
            "revision", "inference_mode", "auto_mapping", "peft_version", "peft4j_version");

    private static final Set<String> KEYS = Set.of("peft4j_note", "config", "placements", "parallel",
            "reduction_factor", "non_linearity", "scaling", "dropout", "layer_norm", "layer_norm_epsilon", "leave_out",
            "init", "normal_std", "hidden_size", "bottleneck_size", "num_layers");

    private SavedAdapterConfig() {
    }

    /**
     * @param model the model the adapter was injected into, or null before injection (then the sizes are left out)
     */
    public static Map<String, Object> write(AdapterSettings settings, ModelSpec model) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("peft_type", PEFT_TYPE);
        config.put("peft4j_note", NOTE);
        config.put("config", settings.config());
        config.put("placements", settings.placements().stream().map(Placement::savedName).toList());
        config.put("parallel", settings.parallel());
        config.put("reduction_factor", settings.reductionFactor());
        config.put("non_linearity", settings.nonLinearity().settingName());
        config.put("scaling", settings.scaling().savedValue());
        config.put("dropout", settings.dropout());
        config.put("layer_norm", settings.layerNorm());
        config.put("layer_norm_epsilon", settings.layerNormEpsilon());
        config.put("leave_out", settings.leaveOut());
        config.put("init", settings.init().settingName());
        config.put("normal_std", settings.normalStd());
        if (model != null) {
            config.put("hidden_size", model.hiddenSize());
            config.put("bottleneck_size", settings.bottleneckSize(model.hiddenSize()));
            config.put("num_layers", model.numLayers());
        }
        return config;
    }

    /**
     * A saved adapter's settings, and the hidden size it was trained for (null when not recorded).
     */
    public record Loaded(AdapterSettings settings, Integer hiddenSize) {
    }

    /**
     * Reads a saved config. Keys it lacks take the values of its preset (or of the plugin's defaults); unknown keys
     * are logged as a warning.
     *
     * @throws IllegalArgumentException naming the key when the config is not a bottleneck adapter's or a value is wrong
     */
    public static Loaded read(Map<String, Object> config, Config reference, Logger logger) {
        Object peftType = config.get("peft_type");
        if (peftType == null) {
            throw new IllegalArgumentException("adapter_config.json has no peft_type; a bottleneck adapter declares "
                    + "\"peft_type\": \"" + PEFT_TYPE + "\"");
        }
        if (!PEFT_TYPE.equals(peftType)) {
            throw new IllegalArgumentException("adapter_config.json declares peft_type \"" + peftType
                    + "\" but the adapter method reads \"" + PEFT_TYPE + "\" adapters; load it with the method for " + peftType);
        }
        AdapterConfigValues values = new AdapterConfigValues(config);
        String preset = values.string("config", reference.getString("config"));
        Config withPreset = reference.getConfig("presets").root().containsKey(preset)
                ? reference.withValue("config", ConfigValueFactory.fromAnyRef(preset))
                : reference;
        AdapterSettings defaults = AdapterSettings.fromConfig(withPreset);
        try {
            AdapterSettings settings = new AdapterSettings(
                    preset,
                    placements(values, defaults.placements()),
                    values.bool("parallel", defaults.parallel()),
                    values.integer("reduction_factor", defaults.reductionFactor()),
                    values.parse("non_linearity", defaults.nonLinearity(), v -> NonLinearity.parse(String.valueOf(v))),
                    values.parse("scaling", defaults.scaling(), Scaling::parse),
                    values.number("dropout", defaults.dropout()),
                    values.bool("layer_norm", defaults.layerNorm()),
                    values.number("layer_norm_epsilon", defaults.layerNormEpsilon()),
                    values.integers("leave_out", defaults.leaveOut()),
                    values.parse("init", defaults.init(), v -> AdapterInit.parse(String.valueOf(v))),
                    values.number("normal_std", defaults.normalStd()));
            Set<String> unknown = new TreeSet<>(config.keySet());
            unknown.removeAll(HOST_KEYS);
            unknown.removeAll(KEYS);
            if (!unknown.isEmpty()) {
                logger.warn("adapter_config.json: keys unknown to the adapter method were ignored: {}", unknown);
            }
            Integer hidden = config.get("hidden_size") == null ? null : values.integer("hidden_size", 0);
            return new Loaded(settings, hidden);
        } catch (InvalidSettingException e) {
            throw new IllegalArgumentException("adapter_config.json: " + e.key().replace('-', '_') + " " + e.getMessage(), e);
        }
    }

    private static List<Placement> placements(AdapterConfigValues values, List<Placement> fallback) {
        Object value = values.raw("placements");
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof List<?> list)) {
            throw AdapterConfigValues.wrongType("placements", "a list of attention, feed_forward", value);
        }
        return values.parse("placements", fallback,
                v -> list.stream().map(p -> Placement.parse(String.valueOf(p))).toList());
    }
}
