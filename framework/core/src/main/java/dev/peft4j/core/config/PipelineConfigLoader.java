package dev.peft4j.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads pipelines: a HOCON file on top of the reference configs (the host's reference.conf first, then each
 * plugin's), with overrides from {@code -D key=value} and CLI flags winning over the file; substitutions are
 * resolved against the whole merge and the environment. Then it validates strictly and reports every problem at
 * once in a {@link PipelineConfigException}:
 * <ul>
 *   <li>every key must be defined by a reference, except inside a free-form map (an empty object {@code {}} in
 *       the reference, e.g. {@code method.lora.rank-pattern {}}); an unknown key gets a "did you mean";</li>
 *   <li>every value must have the type of its default, or the type declared for it in a {@code peft4j-schema}
 *       block of the reference ({@code integer}, {@code duration}, {@code memory-size}, ...);</li>
 *   <li>values declared {@code one-of} a set, and names chosen through an {@link ExtensionChoice} (the tuning
 *       method, the schedule, the metrics), must be allowed; a settings block of an extension no plugin
 *       provides is an error listing those available.</li>
 * </ul>
 * A loader is immutable and can load any number of pipelines.
 */
public final class PipelineConfigLoader {

    private final Config reference;
    private final ConfigObject resolvedReference;
    private final ReferenceSchema schema;
    private final PipelineValidator validator;
    private final List<ConfigProblem> referenceProblems;

    /**
     * @param references the reference configs, as parsed (unresolved); on a key two define, the first wins
     * @param choices    the keys choosing extensions by name, with the names available
     */
    public PipelineConfigLoader(List<Config> references, List<ExtensionChoice> choices) {
        List<ConfigProblem> problems = new ArrayList<>();
        this.schema = ReferenceSchema.read(references, problems);
        Config merged = ConfigFactory.empty("reference defaults");
        for (Config one : references) {
            merged = merged.withFallback(one.withoutPath(ReferenceSchema.KEY));
        }
        this.reference = merged;
        this.resolvedReference = resolveLeniently(merged, problems).root();
        this.validator = new PipelineValidator(resolvedReference, schema, choices);
        problems.addAll(validator.checkSchemaPaths());
        this.referenceProblems = List.copyOf(problems);
    }

    /** A loader over the host's reference.conf followed by the plugins' reference configs. */
    public static PipelineConfigLoader forHost(List<Config> pluginReferences, List<ExtensionChoice> choices) {
        List<Config> references = new ArrayList<>();
        references.add(hostReference());
        references.addAll(pluginReferences);
        return new PipelineConfigLoader(references, choices);
    }

    /**
     * The host's own reference.conf, parsed and unresolved. Found next to this class (in the peft4j-core jar or
     * classes folder), never another jar's reference.conf that happens to come first on the class path.
     */
    public static Config hostReference() {
        URL home = PipelineConfigLoader.class.getProtectionDomain().getCodeSource().getLocation();
        try {
            Enumeration<URL> candidates = PipelineConfigLoader.class.getClassLoader().getResources("reference.conf");
            while (candidates.hasMoreElements()) {
                URL candidate = candidates.nextElement();
                if (candidate.toString().contains(home.toString())) {
                    return ConfigFactory.parseURL(candidate, ConfigParseOptions.defaults().setAllowMissing(false));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list reference.conf resources", e);
        }
        throw new IllegalStateException("peft4j-core has no reference.conf at " + home
                + ": the jar is damaged or was repackaged without it; rebuild it");
    }

    /**
     * Loads a pipeline file.
     *
     * @param file      a HOCON (.conf) or JSON (.json) file; {@code include}s resolve relative to it
     * @param overrides key path to value, e.g. {@code training.epochs -> 5}; they win over the file
     * @throws PipelineConfigException listing every problem, each with file:line and key
     */
    public PipelineConfig load(Path file, Map<String, String> overrides) {
        if (!Files.isRegularFile(file)) {
            throw new PipelineConfigException(new ConfigProblem(file.toString(), -1, "", null,
                    "no such pipeline file (relative paths start at " + Path.of("").toAbsolutePath() + ")", null));
        }
        Config pipeline;
        try {
            pipeline = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException e) {
            throw new PipelineConfigException(ConfigProblem.of(e, file.toString(), ""));
        }
        return merge(pipeline, file.toString(), overrides);
    }

    /**
     * Loads a pipeline given as text.
     *
     * @param sourceName names the text in messages, like a file name
     */
    public PipelineConfig load(String hocon, String sourceName, Map<String, String> overrides) {
        Config pipeline;
        try {
            pipeline = ConfigFactory.parseString(hocon, ConfigParseOptions.defaults().setOriginDescription(sourceName));
        } catch (ConfigException e) {
            throw new PipelineConfigException(ConfigProblem.of(e, sourceName, ""));
        }
        return merge(pipeline, sourceName, overrides);
    }

    /** The reference defaults alone, with overrides: what an empty pipeline file means. */
    public PipelineConfig defaults(Map<String, String> overrides) {
        return merge(ConfigFactory.empty("empty pipeline"), "defaults", overrides);
    }

    private PipelineConfig merge(Config pipeline, String source, Map<String, String> overrides) {
        List<ConfigProblem> problems = new ArrayList<>(referenceProblems);
        Config commandLine = Overrides.toConfig(overrides, this::typeAt, problems);
        Config merged = commandLine.withFallback(pipeline).withFallback(reference);
        Config resolved = resolveLeniently(merged, problems);
        problems.addAll(validator.validate(resolved.root(), List.of(commandLine, pipeline)));
        if (problems.isEmpty() && !resolved.isResolved()) {
            // An unresolvable substitution inside a free-form map, which the validator does not enter.
            resolveStrictly(merged, problems);
        }
        if (!problems.isEmpty()) {
            throw new PipelineConfigException(problems);
        }
        return new PipelineConfig(resolved, source);
    }

    /** The type the reference gives a key path, for reading override values. */
    private Optional<ValueType> typeAt(String path) {
        Optional<ValueType> declared = schema.rule(path).map(KeyRule::type);
        if (declared.isPresent()) {
            return declared;
        }
        ConfigValue current = resolvedReference;
        for (String key : ConfigUtil.splitPath(path)) {
            if (!(current instanceof ConfigObject object) || object.get(key) == null) {
                return Optional.empty();
            }
            current = object.get(key);
        }
        return Optional.of(ValueType.of(current));
    }

    /**
     * Resolves what can be resolved; the validator then reports each value left unresolved, at its own line. A
     * failure beyond a missing substitution (a cycle) leaves nothing sound to validate: it ends the load.
     */
    private static Config resolveLeniently(Config config, List<ConfigProblem> problems) {
        try {
            return config.resolve(ConfigResolveOptions.defaults().setAllowUnresolved(true));
        } catch (ConfigException e) {
            problems.add(ConfigProblem.of(e, "pipeline", ""));
            throw new PipelineConfigException(problems);
        }
    }

    private static void resolveStrictly(Config config, List<ConfigProblem> problems) {
        try {
            config.resolve();
        } catch (ConfigException e) {
            problems.add(ConfigProblem.of(e, "pipeline", ""));
        }
    }
}
