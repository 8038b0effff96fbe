package dev.peft4j.core.run;

import static dev.peft4j.core.run.RunSettings.attempt;

import com.typesafe.config.Config;
import dev.peft4j.core.config.ConfigProblem;
import dev.peft4j.core.config.HostSettings;
import dev.peft4j.core.config.PipelineConfig;
import dev.peft4j.core.config.PipelineConfigException;
import dev.peft4j.core.config.SettingsReader;
import dev.peft4j.core.model.config.ModelConfig;
import dev.peft4j.core.pretrain.HeldOutLoss;
import dev.peft4j.core.pretrain.Objective;
import dev.peft4j.core.pretrain.PretrainSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every settings record {@code peft4j pretrain} reads, read at once so that a pipeline's refused values are reported
 * together. A pretraining pipeline has the {@code pipeline}, {@code model}, {@code training} and {@code evaluation}
 * blocks of any pipeline, {@code method} (which tuning method trains, as for fine-tuning), and a {@code pretrain}
 * block instead of {@code data}; {@code model.task} is not read ({@code pretrain.objective} says what it would).
 *
 * @param baseDir         the pipeline file's folder: relative text and model paths resolve against it
 * @param runDirTimestamp {@code pipeline.run-dir-timestamp}
 */
public record PretrainRunSettings(PipelineConfig config, Path baseDir, HostSettings host, ModelSettings model,
                                  OptimizerSettings optimizer, PretrainSettings pretrain, boolean runDirTimestamp) {

    /** What the held-out evaluation reports, so what can pick the best checkpoint. */
    private static final Set<String> HELD_OUT_METRICS = Set.of(HeldOutLoss.LOSS, HeldOutLoss.PERPLEXITY);

    /** @throws PipelineConfigException listing every refused value of every block, with file:line */
    public static PretrainRunSettings from(PipelineConfig pipeline, Path baseDir) {
        Config root = pipeline.config();
        List<ConfigProblem> problems = new ArrayList<>();
        HostSettings host = attempt(() -> HostSettings.from(root), problems, "");
        ModelSettings model = attempt(() -> ModelSettings.from(root), problems, "model");
        OptimizerSettings optimizer = attempt(() -> OptimizerSettings.from(root), problems, "training");
        PretrainSettings pretrain = attempt(() -> PretrainSettings.from(root, baseDir), problems, "pretrain");
        Boolean timestamp = attempt(() -> SettingsReader.read(root,
                c -> c.getBoolean("pipeline.run-dir-timestamp")), problems, "pipeline");
        if (host != null) {
            RunSettings.checkPrecision(root, host, problems);
            if (!HELD_OUT_METRICS.contains(host.training().bestMetric())) {
                problems.add(RunSettings.problem(root, "training.best-metric", "loss or perplexity: continued"
                        + " pretraining scores the held-out text by these", host.training().bestMetric()));
            } else if (host.training().greaterIsBetter()) {
                problems.add(RunSettings.problem(root, "training.greater-is-better", "false: a lower "
                        + host.training().bestMetric() + " is better", "true"));
            }
        }
        if (!problems.isEmpty()) {
            throw new PipelineConfigException(problems);
        }
        return new PretrainRunSettings(pipeline, baseDir, host, model, optimizer, pretrain, timestamp);
    }

    /**
     * True when a pipeline is one for {@code peft4j pretrain}: it lists text in {@code pretrain.text.files} (and so
     * {@code peft4j validate} checks it as pretrain reads it).
     */
    public static boolean isPretraining(PipelineConfig pipeline) {
        Config root = pipeline.config();
        return root.hasPath("pretrain.text.files") && !root.getList("pretrain.text.files").isEmpty();
    }

    /**
     * The objective for the base model: {@code pretrain.objective}, or for {@code auto} the model family's own.
     *
     * @throws PipelineConfigException at {@code pretrain.objective} when the model has no head for it
     */
    public Objective objective(ModelConfig model) {
        Objective objective = pretrain.objective().resolve(model.modelType());
        boolean encoder = model.modelType().equals("bert");
        if (objective == Objective.MASKED_LM && !encoder) {
            throw problemAt("pretrain.objective", "causal-lm or auto: " + model.modelType() + " is a decoder, and"
                    + " masked-LM pretraining needs an encoder (bert)");
        }
        if (objective == Objective.CAUSAL_LM && encoder) {
            throw problemAt("pretrain.objective", "masked-lm or auto: BERT is an encoder and has no causal-LM head");
        }
        return objective;
    }

    /** @throws PipelineConfigException at {@code pretrain.block-size} when blocks exceed the model's positions */
    public void checkBlockSize(int maxPositions) {
        if (pretrain.blockSize() > maxPositions) {
            throw problemAt("pretrain.block-size", "at most " + maxPositions + ", the positions the model has",
                    Integer.toString(pretrain.blockSize()));
        }
    }

    /** @throws PipelineConfigException at {@code pretrain.objective}: a masked LM needs a mask token */
    PipelineConfigException noMaskToken(Path modelDir) {
        return problemAt("pretrain.objective", "causal-lm, or a tokenizer with a mask token: the tokenizer of "
                + modelDir + " names none (set mask_token in its tokenizer_config.json)");
    }

    public Config root() {
        return config.config();
    }

    private PipelineConfigException problemAt(String path, String expected) {
        return problemAt(path, expected, root().getString(path));
    }

    private PipelineConfigException problemAt(String path, String expected, String found) {
        return new PipelineConfigException(RunSettings.problem(root(), path, expected, found));
    }
}
