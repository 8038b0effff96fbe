package dev.peft4j.plugins.lora.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The settings of one LoRA adapter, validated on construction. Keys and meanings follow Hugging Face PEFT's
 * {@code LoraConfig}; see the plugin's {@code reference.conf} for each one.
 *
 * @param rankPattern  per-module rank overrides in lookup order (first match wins)
 * @param alphaPattern per-module alpha overrides in lookup order (first match wins)
 */
public record LoraSettings(
        int r,
        double alpha,
        double dropout,
        TargetModules targetModules,
        TargetModules excludeModules,
        List<Integer> layersToTransform,
        Map<String, Integer> rankPattern,
        Map<String, Double> alphaPattern,
        LoraBias bias,
        boolean useRslora,
        boolean useDora,
        LoraInit init,
        List<String> modulesToSave) {

    /** Where these settings live in a pipeline. */
    public static final String PATH = "method.lora";

    public LoraSettings {
        require(r >= 1, "r", "must be an integer >= 1, got " + r);
        require(alpha > 0 && Double.isFinite(alpha), "alpha", "must be a finite number > 0, got " + alpha);
        require(dropout >= 0 && dropout < 1, "dropout", "must be in [0, 1), got " + dropout);
        require(targetModules != null, "target-modules", "must be given");
        require(excludeModules != null && !(excludeModules instanceof TargetModules.ArchitectureDefault),
                "exclude-modules", "must be a list of names or a regex string");
        layersToTransform = List.copyOf(layersToTransform);
        require(layersToTransform.stream().allMatch(i -> i >= 0), "layers-to-transform",
                "block indices must be >= 0, got " + layersToTransform);
        require(new HashSet<>(layersToTransform).size() == layersToTransform.size(), "layers-to-transform",
                "lists a block twice: " + layersToTransform);
        require(layersToTransform.isEmpty() || !(targetModules instanceof TargetModules.Regex), "layers-to-transform",
                "cannot be combined with a regex target-modules (PEFT refuses it too); put the block indices in the regex");
        rankPattern = ordered(rankPattern, "rank-pattern");
        alphaPattern = ordered(alphaPattern, "alpha-pattern");
        rankPattern.forEach((key, rank) -> require(rank >= 1, "rank-pattern",
                "rank of '" + key + "' must be >= 1, got " + rank));
        alphaPattern.forEach((key, value) -> require(value > 0 && Double.isFinite(value), "alpha-pattern",
                "alpha of '" + key + "' must be a finite number > 0, got " + value));
        require(bias != null, "bias", "must be given");
        require(init != null, "init", "must be given");
        modulesToSave = List.copyOf(modulesToSave);
        require(modulesToSave.stream().noneMatch(String::isBlank), "modules-to-save", "names must not be blank");
    }

    /** The rank of the adapter on {@code moduleName}, after {@link #rankPattern()}. */
    public int rankOf(String moduleName) {
        return ModulePatterns.lookup(rankPattern, moduleName, r);
    }

    /** The alpha of the adapter on {@code moduleName}, after {@link #alphaPattern()}. */
    public double alphaOf(String moduleName) {
        return ModulePatterns.lookup(alphaPattern, moduleName, alpha);
    }

    /** The factor of B·A: alpha / r, or alpha / sqrt(r) with rank-stabilised LoRA. */
    public double scaling(int rank, double moduleAlpha) {
        return useRslora ? moduleAlpha / Math.sqrt(rank) : moduleAlpha / rank;
    }

    /**
     * Reads {@code method.lora} (already merged with the defaults); errors name the file, line and key. A HOCON object
     * has no order, so the rank and alpha patterns are looked up longest key first.
     */
    public static LoraSettings fromConfig(Config settings) {
        try {
            return new LoraSettings(
                    settings.getInt("r"),
                    settings.getDouble("alpha"),
                    settings.getDouble("dropout"),
                    modules(settings, "target-modules", new TargetModules.ArchitectureDefault()),
                    modules(settings, "exclude-modules", new TargetModules.Names(List.of())),
                    settings.getIntList("layers-to-transform"),
                    patterns(settings, "rank-pattern", v -> ((Number) v).intValue()),
                    patterns(settings, "alpha-pattern", v -> ((Number) v).doubleValue()),
                    choice(settings, "bias", LoraBias::parse),
                    settings.getBoolean("use-rslora"),
                    settings.getBoolean("use-dora"),
                    choice(settings, "init", LoraInit::parse),
                    settings.getStringList("modules-to-save"));
        } catch (InvalidSettingException e) {
            throw new ConfigException.BadValue(originOf(settings, e.key()), PATH + "." + e.key(), e.getMessage(), e);
        }
    }

    /** The defaults: {@code method.lora} of this plugin's own {@code reference.conf}. */
    public static Config reference() {
        return ConfigFactory.parseResources(LoraSettings.class.getClassLoader(), "reference.conf")
                .withOnlyPath(PATH) // a plugin's class loader also sees the host's reference.conf: keep ours only
                .resolve()
                .getConfig(PATH);
    }

    private static TargetModules modules(Config settings, String key, TargetModules whenAbsent) {
        Object value = settings.getIsNull(key) ? null : settings.getValue(key).unwrapped();
        try {
            return TargetModules.of(value, whenAbsent);
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(originOf(settings, key), PATH + "." + key, e.getMessage(), e);
        }
    }

    private static <T> T choice(Config settings, String key, Function<String, T> parse) {
        try {
            return parse.apply(settings.getString(key));
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(originOf(settings, key), PATH + "." + key, e.getMessage(), e);
        }
    }

    private static <V> Map<String, V> patterns(Config settings, String key, Function<Object, V> convert) {
        List<String> keys = new ArrayList<>(settings.getObject(key).keySet());
        keys.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        Map<String, V> result = new LinkedHashMap<>();
        for (String patternKey : keys) {
            ConfigValue value = settings.getObject(key).get(patternKey);
            if (value.valueType() != ConfigValueType.NUMBER) {
                String hint = value.valueType() == ConfigValueType.OBJECT
                        ? "; a key holding dots must be quoted, e.g. \"layers.0.self_attn.q_proj\" = 16" : "";
                throw new ConfigException.BadValue(value.origin(), PATH + "." + key,
                        "'" + patternKey + "' must map to a number, got " + value.valueType() + hint);
            }
            result.put(patternKey, convert.apply(value.unwrapped()));
        }
        return result;
    }

    private static <V> Map<String, V> ordered(Map<String, V> patterns, String key) {
        require(patterns != null, key, "must be given");
        for (String patternKey : patterns.keySet()) {
            try {
                ModulePatterns.validateKey(patternKey);
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(key, e.getMessage());
            }
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(patterns));
    }

    private static ConfigOrigin originOf(Config settings, String key) {
        ConfigValue value = settings.root().get(key);
        return value != null ? value.origin() : settings.origin();
    }

    private static void require(boolean condition, String key, String message) {
        if (!condition) {
            throw new InvalidSettingException(key, message);
        }
    }
}
