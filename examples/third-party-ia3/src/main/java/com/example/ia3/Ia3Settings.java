package com.example.ia3;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;

/**
 * Which layers IA3 scales, validated on construction.
 *
 * @param targetModules      module names to adapt; empty for the architecture's default
 * @param feedforwardModules the target modules whose input (not output) is scaled; empty for the default
 */
public record Ia3Settings(List<String> targetModules, List<String> feedforwardModules) {

    /** Where these settings live in a pipeline. */
    public static final String PATH = "method.ia3";

    /** PEFT's {@code TRANSFORMERS_MODELS_TO_IA3_TARGET_MODULES_MAPPING}, for the architectures peft4j builds. */
    private static final Map<String, List<String>> DEFAULT_TARGETS = Map.of(
            "gpt2", List.of("c_attn", "mlp.c_proj"),
            "bert", List.of("key", "value", "output.dense"),
            "llama", List.of("k_proj", "v_proj", "down_proj"),
            "mistral", List.of("k_proj", "v_proj", "down_proj"),
            "qwen2", List.of("k_proj", "v_proj", "down_proj"));

    /** PEFT's {@code TRANSFORMERS_MODELS_TO_IA3_FEEDFORWARD_MODULES_MAPPING}. */
    private static final Map<String, List<String>> DEFAULT_FEEDFORWARD = Map.of(
            "gpt2", List.of("mlp.c_proj"),
            "bert", List.of("output.dense"),
            "llama", List.of("down_proj"),
            "mistral", List.of("down_proj"),
            "qwen2", List.of("down_proj"));

    public Ia3Settings {
        targetModules = List.copyOf(targetModules);
        feedforwardModules = List.copyOf(feedforwardModules);
        if (targetModules.stream().anyMatch(String::isBlank) || feedforwardModules.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException(PATH + ": module names must not be blank");
        }
        if (!targetModules.isEmpty() && !targetModules.containsAll(feedforwardModules)) {
            throw new IllegalArgumentException(PATH + ".feedforward-modules " + feedforwardModules
                    + " must all be in target-modules " + targetModules + " (PEFT requires the same)");
        }
    }

    /** Reads {@code method.ia3}, already merged with the defaults. */
    public static Ia3Settings fromConfig(Config settings) {
        try {
            return new Ia3Settings(settings.getStringList("target-modules"),
                    settings.getStringList("feedforward-modules"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(settings.origin(), PATH, e.getMessage(), e);
        }
    }

    /** The defaults: {@code method.ia3} of this plugin's own {@code reference.conf}. */
    public static Config reference() {
        return ConfigFactory.parseResources(Ia3Settings.class.getClassLoader(), "reference.conf")
                .withOnlyPath(PATH) // a plugin's class loader also sees the host's reference.conf: keep ours only
                .resolve()
                .getConfig(PATH);
    }

    /** The target modules for {@code architecture} ({@code model_type}). */
    public List<String> targetsFor(String architecture) {
        return targetModules.isEmpty() ? defaults(DEFAULT_TARGETS, architecture) : targetModules;
    }

    /** The feed-forward modules for {@code architecture}. */
    public List<String> feedforwardFor(String architecture) {
        if (!feedforwardModules.isEmpty() || !targetModules.isEmpty()) {
            return feedforwardModules;
        }
        return defaults(DEFAULT_FEEDFORWARD, architecture);
    }

    /** PEFT's module matching: the full name equals the entry or ends with "." + entry. */
    public static boolean matches(String module, List<String> entries) {
        return entries.stream().anyMatch(e -> module.equals(e) || module.endsWith("." + e));
    }

    private static List<String> defaults(Map<String, List<String>> defaults, String architecture) {
        List<String> modules = defaults.get(architecture);
        if (modules == null) {
            throw new IllegalArgumentException(PATH + ": no default target modules for model_type '" + architecture
                    + "'; set target-modules and feedforward-modules");
        }
        return modules;
    }
}
