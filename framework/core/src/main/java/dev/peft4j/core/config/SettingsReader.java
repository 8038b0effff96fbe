package dev.peft4j.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import dev.peft4j.spi.NamedFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Reads settings records from a resolved pipeline, turning refusals into problems located at file:line. */
public final class SettingsReader {

    private SettingsReader() {
    }

    /**
     * Runs {@code reader} on the pipeline's root config.
     *
     * @throws PipelineConfigException naming each value the record refused (or the reader could not read) with
     *                                 the file and line it was set at
     */
    public static <T> T read(Config root, Function<Config, T> reader) {
        return read(root, "", reader);
    }

    /**
     * Runs {@code reader} on one block of the pipeline, e.g. an extension's own settings.
     *
     * @param block     the block's config, as the extension receives it
     * @param blockPath where the block sits in the pipeline, e.g. {@code training.schedule.cosine}; violations may
     *                  name keys in full or relative to the block; problems name them in full
     * @throws PipelineConfigException naming each refused value with the file and line it was set at
     */
    public static <T> T read(Config block, String blockPath, Function<Config, T> reader) {
        try {
            return reader.apply(block);
        } catch (InvalidSettingsException e) {
            String prefix = blockPath.isEmpty() ? "" : blockPath + ".";
            List<ConfigProblem> problems = new ArrayList<>();
            for (SettingViolation violation : e.violations()) {
                // A violation names its key in full (training.schedule.cosine.cycles) or within the block (cycles).
                String path = violation.path();
                String inBlock = path.startsWith(prefix) ? path.substring(prefix.length()) : path;
                problems.add(ConfigProblem.at(Origins.originAt(block, inBlock), prefix + inBlock,
                        violation.expected(), violation.found(), null));
            }
            throw new PipelineConfigException(problems);
        } catch (ConfigException e) {
            throw new PipelineConfigException(ConfigProblem.of(e, "pipeline", blockPath));
        }
    }

    /**
     * An enum constant from its kebab-case name in the config: {@code fp16-mixed} is {@code FP16_MIXED}.
     *
     * @throws InvalidSettingsException listing the allowed names when the value is none of them
     */
    public static <E extends Enum<E>> E enumValue(Config root, String path, Class<E> type) {
        String name = root.getString(path);
        for (E constant : type.getEnumConstants()) {
            if (configName(constant).equals(name)) {
                return constant;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            allowed.add(configName(constant));
        }
        throw new InvalidSettingsException(
                List.of(new SettingViolation(path, "one of " + String.join(", ", allowed), "\"" + name + "\"")));
    }

    /** The kebab-case name of an enum constant, as pipelines write it. */
    public static String configName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * An extension's own settings inside the block of its kind, e.g. {@code cosine} inside
     * {@code training.schedule}: empty when the extension declares none.
     */
    public static Config ownSettings(Config blocks, NamedFactory<?> factory) {
        String path = factory.settingsPath();
        return blocks.hasPath(path) ? blocks.getConfig(path) : ConfigFactory.empty();
    }
}
