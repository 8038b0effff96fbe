package com.example.ia3;

import com.typesafe.config.Config;
import dev.peft4j.spi.PluginContext;
import dev.peft4j.spi.method.TuningMethod;
import dev.peft4j.spi.method.TuningMethodFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.pf4j.Extension;

/** The {@code ia3} tuning method: {@code method.type = ia3}, settings under {@code method.ia3}, peft_type IA3. */
@Extension
public final class Ia3MethodFactory implements TuningMethodFactory {

    /** Keys of PEFT's IA3Config (and the common ones) that this method reads or may ignore. */
    private static final Set<String> KNOWN = Set.of("peft_type", "task_type", "base_model_name_or_path", "revision",
            "inference_mode", "auto_mapping", "peft_version", "peft4j_version", "target_modules", "feedforward_modules",
            "exclude_modules", "fan_in_fan_out", "init_ia3_weights", "modules_to_save");

    @Override
    public String name() {
        return "ia3";
    }

    @Override
    public String peftType() {
        return Ia3Method.PEFT_TYPE;
    }

    @Override
    public TuningMethod create(Config settings, PluginContext context) {
        return new Ia3Method(Ia3Settings.fromConfig(settings));
    }

    @Override
    public TuningMethod fromAdapterConfig(Map<String, Object> config, PluginContext context) {
        if (!Ia3Method.PEFT_TYPE.equals(config.get("peft_type"))) {
            throw new IllegalArgumentException("adapter_config.json declares peft_type \"" + config.get("peft_type")
                    + "\" but the ia3 method reads \"IA3\" adapters");
        }
        for (String unsupported : List.of("exclude_modules", "modules_to_save")) {
            if (config.get(unsupported) instanceof List<?> list && !list.isEmpty()) {
                throw new IllegalArgumentException("adapter_config.json: " + unsupported + " = " + list
                        + " is not supported by the example ia3 method");
            }
        }
        Set<String> unknown = new TreeSet<>(config.keySet());
        unknown.removeAll(KNOWN);
        if (!unknown.isEmpty()) {
            context.logger().warn("adapter_config.json: keys unknown to the ia3 method were ignored: {}", unknown);
        }
        return new Ia3Method(new Ia3Settings(modules(config, "target_modules"),
                modules(config, "feedforward_modules")));
    }

    private static List<String> modules(Map<String, Object> config, String key) {
        Object value = config.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw new IllegalArgumentException("adapter_config.json: " + key + " must be a list of module names, got "
                + value + " (regular expressions are not supported by the example ia3 method)");
    }
}
