package dev.peft4j.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import dev.peft4j.core.adapter.AdapterReader;
import dev.peft4j.core.adapter.PeftLayout;
import dev.peft4j.core.adapter.SavedAdapter;
import dev.peft4j.core.config.PipelineConfig;
import dev.peft4j.core.config.PipelineConfigLoader;
import dev.peft4j.core.extension.ExtensionRegistry;
import dev.peft4j.core.model.Head;
import dev.peft4j.core.model.ModelBuilder;
import dev.peft4j.core.model.ModelGraph;
import dev.peft4j.core.model.ModelOptions;
import dev.peft4j.core.plugin.HostPluginContext;
import dev.peft4j.core.plugin.PluginHost;
import dev.peft4j.core.safetensors.SafetensorsFile;
import dev.peft4j.core.safetensors.TensorInfo;
import dev.peft4j.spi.method.TuningMethodFactory;
import dev.peft4j.spi.metric.TaskType;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A trained model opened for inference ({@code peft4j evaluate}, {@code peft4j predict}): the run's settings (data
 * format, cleaning, max length, metrics; {@code -D} overrides win), the base model, and the adapter restored on it, or
 * the fully fine-tuned checkpoint as the base. The data file to score replaces the run's data, read whole (no split,
 * no deduplication, balancing or augmentation) with the run's label indices.
 */
public final class TrainedModel implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunSettings settings;
    private final BaseModel base;
    private final ModelGraph graph;
    private final List<String> classNames;

    private TrainedModel(RunSettings settings, BaseModel base, ModelGraph graph, List<String> classNames) {
        this.settings = settings;
        this.base = base;
        this.graph = graph;
        this.classNames = List.copyOf(classNames);
    }

    /**
     * @param dataFile the file to evaluate or predict; it becomes {@code data.train} of the settings
     */
    public static TrainedModel open(TrainedRun run, PluginHost host, Map<String, String> overrides, Path dataFile,
                                    Path modelsDir, PrintStream console) {
        PipelineConfigLoader loader = PipelineLoading.loader(host);
        PipelineConfig loaded = run.runDir() != null ? loader.load(run.pipelineFile(), overrides)
                : loader.defaults(overrides);
        Config root = loaded.config();
        if (run.modelDir() != null) {
            // The fully fine-tuned checkpoint is the model; nothing is injected and nothing drawn at random.
            root = root.withValue("model.path", ConfigValueFactory.fromAnyRef(run.modelDir().toString()))
                    .withValue("model.random-init", ConfigValueFactory.fromAnyRef(false));
        } else if (run.runDir() == null && !overrides.containsKey("model.path")) {
            root = root.withValue("model.path", ConfigValueFactory.fromAnyRef(baseModelOf(run.adapterDir())));
        }
        List<String> classNames = classNames(run, root);
        root = EvaluationData.configure(root, dataFile.toAbsolutePath().normalize(), classNames);
        RunSettings settings = RunSettings.from(new PipelineConfig(root, loaded.source()), run.baseDir());
        BaseModel base = BaseModel.open(settings.model(), run.baseDir(), modelsDir,
                settings.host().pipeline().seed(), console);
        try {
            Head head = settings.model().task() == TaskType.REGRESSION ? Head.regression()
                    : Head.classification(classNames.size());
            ModelBuilder builder = ModelBuilder.create(base.config(), base.weights(),
                            ModelOptions.fromConfig(root.getConfig("model"), head, settings.host().pipeline().seed()))
                    .tokenizer(base.tokenizer()).modelNameOrPath(base.nameOrPath());
            ModelGraph graph = run.adapterDir() == null ? builder.build()
                    : SavedAdapter.build(builder, Map.of(PipelineRun.ADAPTER, reader(host, settings).read(run.adapterDir())));
            return new TrainedModel(settings, base, graph, classNames);
        } catch (RuntimeException e) {
            base.close();
            throw e;
        }
    }

    public RunSettings settings() {
        return settings;
    }

    BaseModel base() {
        return base;
    }

    public List<String> classNames() {
        return classNames;
    }

    public TaskType task() {
        return settings.model().task();
    }

    <B extends ModelInput> GraphModel<B> model() {
        return new GraphModel<>(graph, task(), classNames);
    }

    /**
     * A run's labels.json; for a stand-alone adapter {@code data.labels}, else {@code 0 .. n-1} for the n outputs of
     * its saved head. Empty for regression.
     */
    private static List<String> classNames(TrainedRun run, Config root) {
        if (root.getString("model.task").equals("regression")) {
            return List.of();
        }
        if (run.runDir() != null) {
            return run.labels();
        }
        List<String> configured = root.getStringList("data.labels");
        if (!configured.isEmpty()) {
            return configured;
        }
        long outputs = headOutputs(run.adapterDir())
                .orElseThrow(() -> new IllegalArgumentException(run.adapterDir() + " saves no classification head ("
                        + PeftLayout.SAVED_PREFIX + "classifier.weight or score.weight): give its classes with"
                        + " -D data.labels=[...]"));
        if (outputs == 1) {
            throw new IllegalArgumentException(run.adapterDir() + " saves a head with one output, a regression:"
                    + " evaluate it with -D model.task=regression -D data.label-type=float");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    private static Optional<Long> headOutputs(Path adapterDir) {
        try (SafetensorsFile file = SafetensorsFile.open(adapterDir.resolve(PeftLayout.WEIGHTS))) {
            for (String head : List.of("classifier.weight", "score.weight")) {
                Optional<TensorInfo> info = file.find(PeftLayout.SAVED_PREFIX + head);
                if (info.isPresent()) {
                    return Optional.of(info.get().shape()[0]);
                }
            }
            return Optional.empty();
        }
    }

    private static String baseModelOf(Path adapterDir) {
        Path config = adapterDir.resolve(PeftLayout.CONFIG);
        JsonNode base;
        try {
            base = JSON.readTree(config.toFile()).path(PeftLayout.BASE_MODEL);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + config + ": " + e.getMessage(), e);
        }
        if (!base.isTextual() || base.asText().isBlank()) {
            throw new IllegalArgumentException(adapterDir.resolve(PeftLayout.CONFIG) + " names no "
                    + PeftLayout.BASE_MODEL + ": give the base model with -D model.path=...");
        }
        return base.asText();
    }

    private static AdapterReader reader(PluginHost host, RunSettings settings) {
        ExtensionRegistry<TuningMethodFactory> methods = host.extensions().tuningMethods();
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "peft4j-extensions");
        return new AdapterReader(methods.entries().stream().map(ExtensionRegistry.Entry::factory).toList(),
                factory -> new HostPluginContext(factory.name(), settings.host().pipeline().seed(), work));
    }

    @Override
    public void close() {
        try {
            graph.close();
        } finally {
            base.close();
        }
    }
}
