package dev.peft4j.plugins.adapter.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import dev.peft4j.spi.method.ModelSpec;
import java.util.HashSet;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The settings of one bottleneck adapter, validated on construction; see the plugin's {@code reference.conf}.
 *
 * @param config    the preset the values came from (houlsby, pfeiffer, parallel, ...), recorded in the saved config
 * @param leaveOut  blocks without adapters
 */
public record AdapterSettings(
        String config,
        List<Placement> placements,
        boolean parallel,
        int reductionFactor,
        NonLinearity nonLinearity,
        Scaling scaling,
        double dropout,
        boolean layerNorm,
        double layerNormEpsilon,
        List<Integer> leaveOut,
        AdapterInit init,
        double normalStd) {

    /** Where these settings live in a pipeline. */
    public static final String PATH = "method.adapter";

    /** The keys a preset sets, which the top-level keys of the same name override when not null. */
    private static final List<String> PRESET_KEYS =
            List.of("placements", "parallel", "reduction-factor", "non-linearity", "scaling");

    public AdapterSettings {
        require(config != null && !config.isBlank(), "config", "must name a preset");
        placements = List.copyOf(placements);
        require(!placements.isEmpty(), "placements", "must name at least one of attention, feed-forward");
        require(new HashSet<>(placements).size() == placements.size(), "placements", "lists a placement twice: "
                + placements.stream().map(Placement::settingName).toList());
        require(reductionFactor >= 1, "reduction-factor", "must be an integer >= 1, got " + reductionFactor);
        require(nonLinearity != null, "non-linearity", "must be given");
        require(scaling != null, "scaling", "must be given");
        require(dropout >= 0 && dropout < 1, "dropout", "must be in [0, 1), got " + dropout);
        require(layerNormEpsilon > 0 && Double.isFinite(layerNormEpsilon), "layer-norm-epsilon",
                "must be a finite number > 0, got " + layerNormEpsilon);
        leaveOut = List.copyOf(leaveOut);
        require(leaveOut.stream().allMatch(i -> i >= 0), "leave-out", "block indices must be >= 0, got " + leaveOut);
        require(new HashSet<>(leaveOut).size() == leaveOut.size(), "leave-out", "lists a block twice: " + leaveOut);
        require(init != null, "init", "must be given");
        require(normalStd > 0 && Double.isFinite(normalStd), "normal-std", "must be a finite number > 0, got " + normalStd);
    }

    /** The bottleneck width for a model: hidden size / reduction factor, rounded down. */
    public int bottleneckSize(int hiddenSize) {
        int size = hiddenSize / reductionFactor;
        if (size < 1) {
            throw new IllegalArgumentException(PATH + ".reduction-factor " + reductionFactor
                    + " leaves no bottleneck for hidden size " + hiddenSize + "; use at most " + hiddenSize);
        }
        return size;
    }

    /** The blocks that get adapters: every block of the model but those left out. */
    public List<Integer> blocks(int numLayers) {
        for (int block : leaveOut) {
            if (block >= numLayers) {
                throw new IllegalArgumentException(PATH + ".leave-out lists block " + block + " but the model has "
                        + numLayers + " blocks (0.." + (numLayers - 1) + ")");
            }
        }
        List<Integer> blocks = IntStream.range(0, numLayers).boxed()
                .filter(b -> !leaveOut.contains(b)).toList();
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException(PATH + ".leave-out leaves out every block: no adapter would train");
        }
        return blocks;
    }

    /**
     * Trainable parameters on a model: per adapter hidden·b + b (down) and b·hidden + hidden (up), plus 2·hidden for
     * the layer norm and 1 for a learned scaling; one adapter per placement in every block not left out.
     */
    public long trainableParameters(ModelSpec model) {
        long hidden = model.hiddenSize();
        long b = bottleneckSize(model.hiddenSize());
        long perAdapter = 2 * hidden * b + b + hidden + (layerNorm ? 2 * hidden : 0) + (scaling.learned() ? 1 : 0);
        return perAdapter * placements.size() * blocks(model.numLayers()).size();
    }

    /**
     * Reads {@code method.adapter} (already merged with the defaults): the preset named by {@code config}, overridden
     * by the top-level keys that are not null. Errors name the file, line and key.
     */
    public static AdapterSettings fromConfig(Config settings) {
        String preset = settings.getString("config");
        Config presets = settings.getConfig("presets");
        if (!presets.hasPath(quoted(preset))) {
            throw new ConfigException.BadValue(originOf(settings, "config"), PATH + ".config",
                    "no preset named '" + preset + "'; the presets are " + new TreeSet<>(presets.root().keySet()));
        }
        Config values = settings.withoutPath("presets").withoutPath("config");
        for (String key : PRESET_KEYS) {
            if (values.getIsNull(key)) {
                values = values.withoutPath(key);
            }
        }
        Config effective = values.withFallback(presets.getConfig(quoted(preset)));
        try {
            return new AdapterSettings(
                    preset,
                    parsed(effective, "placements", c -> c.getStringList("placements").stream().map(Placement::parse).toList()),
                    effective.getBoolean("parallel"),
                    effective.getInt("reduction-factor"),
                    parsed(effective, "non-linearity", c -> NonLinearity.parse(c.getString("non-linearity"))),
                    parsed(effective, "scaling", c -> Scaling.parse(c.getValue("scaling").unwrapped())),
                    effective.getDouble("dropout"),
                    effective.getBoolean("layer-norm"),
                    effective.getDouble("layer-norm-epsilon"),
                    effective.getIntList("leave-out"),
                    parsed(effective, "init", c -> AdapterInit.parse(c.getString("init"))),
                    effective.getDouble("normal-std"));
        } catch (InvalidSettingException e) {
            throw new ConfigException.BadValue(originOf(effective, e.key()), PATH + "." + e.key(), e.getMessage(), e);
        }
    }

    /** The defaults: {@code method.adapter} of this plugin's own {@code reference.conf}. */
    public static Config reference() {
        return ConfigFactory.parseResources(AdapterSettings.class.getClassLoader(), "reference.conf")
                .withOnlyPath(PATH) // a plugin's class loader also sees the host's reference.conf: keep ours only
                .resolve()
                .getConfig(PATH);
    }

    private static <T> T parsed(Config settings, String key, Function<Config, T> parse) {
        try {
            return parse.apply(settings);
        } catch (InvalidSettingException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigException.BadValue(originOf(settings, key), PATH + "." + key, e.getMessage(), e);
        }
    }

    private static String quoted(String key) {
        return "\"" + key.replace("\"", "\\\"") + "\"";
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
