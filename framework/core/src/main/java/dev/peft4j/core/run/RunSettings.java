package dev.peft4j.core.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.peft4j.core.config.ConfigProblem;
import dev.peft4j.core.config.HostSettings;
import dev.peft4j.core.config.PipelineConfig;
import dev.peft4j.core.config.PipelineConfigException;
import dev.peft4j.core.config.SettingsReader;
import dev.peft4j.core.config.TrainingPrecision;
import dev.peft4j.core.data.DataSettings;
import dev.peft4j.core.model.Precision;
import dev.peft4j.spi.metric.TaskType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every settings record a pipeline run reads, read at once so that a pipeline's refused values are reported
 * together (by {@code peft4j validate} too), and checked against each other.
 *
 * @param config        the resolved pipeline
 * @param baseDir       the pipeline file's folder: relative data and model paths resolve against it
 * @param runDirTimestamp {@code pipeline.run-dir-timestamp}
 */
public record RunSettings(PipelineConfig config, Path baseDir, HostSettings host, ModelSettings model,
                          OptimizerSettings optimizer, DataSettings data, boolean runDirTimestamp) {

    private static final Map<TrainingPrecision, Precision> COMPUTE = Map.of(
            TrainingPrecision.FP32, Precision.FP32,
            TrainingPrecision.FP16_MIXED, Precision.FP16,
            TrainingPrecision.BF16_MIXED, Precision.BF16);

    /** @throws PipelineConfigException listing every refused value of every block, with file:line */
    public static RunSettings from(PipelineConfig pipeline, Path baseDir) {
        Config root = pipeline.config();
        List<ConfigProblem> problems = new ArrayList<>();
        HostSettings host = attempt(() -> HostSettings.from(root), problems, "");
        ModelSettings model = attempt(() -> ModelSettings.from(root), problems, "model");
        OptimizerSettings optimizer = attempt(() -> OptimizerSettings.from(root), problems, "training");
        DataSettings data = attempt(() -> DataSettings.from(root.getConfig("data"), baseDir), problems, "data");
        Boolean timestamp = attempt(() -> SettingsReader.read(root, c -> c.getBoolean("pipeline.run-dir-timestamp")),
                problems, "pipeline");
        if (host != null && model != null && data != null) {
            checkTask(root, model, data, problems);
            checkPrecision(root, host, problems);
        }
        if (!problems.isEmpty()) {
            throw new PipelineConfigException(problems);
        }
        return new RunSettings(pipeline, baseDir, host, model, optimizer, data, timestamp);
    }

    private static void checkTask(Config root, ModelSettings model, DataSettings data, List<ConfigProblem> problems) {
        TaskType dataTask = data.source().labelType().task();
        if (model.task() == TaskType.CAUSAL_LM) {
            problems.add(problem(root, "model.task", "classification or regression: `peft4j run` trains task heads on"
                    + " labelled rows", "causal-lm"));
        } else if (model.task() != dataTask) {
            problems.add(problem(root, "model.task", dataTask == TaskType.REGRESSION
                    ? "regression, since data.label-type = float" : "classification, since data.label-type is "
                    + root.getString("data.label-type") + " (float labels make a regression)",
                    root.getString("model.task")));
        }
    }

    /** training.precision and model.precision must be set together; the same for every kind of run. */
    static void checkPrecision(Config root, HostSettings host, List<ConfigProblem> problems) {
        TrainingPrecision training = host.training().precision();
        Precision compute = Precision.parse(root.getString("model.precision"));
        if (COMPUTE.get(training) != compute) {
            problems.add(problem(root, "training.precision", SettingsReader.configName(training) + " needs"
                    + " model.precision = " + COMPUTE.get(training).name().toLowerCase(Locale.ROOT)
                    + "; set the two together", "model.precision = " + root.getString("model.precision")));
        }
    }

    static ConfigProblem problem(Config root, String path, String expected, String found) {
        return ConfigProblem.at(root.getValue(path).origin(), path, expected, found, null);
    }

    /** Runs one block's reader, collecting its problems instead of stopping at the first block that has some. */
    static <T> T attempt(Supplier<T> reader, List<ConfigProblem> problems, String block) {
        try {
            return reader.get();
        } catch (PipelineConfigException e) {
            problems.addAll(e.problems());
        } catch (ConfigException e) {
            problems.add(ConfigProblem.of(e, "pipeline", block));
        }
        return null;
    }

    public Config root() {
        return config.config();
    }
}
