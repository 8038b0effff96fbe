package dev.peft4j.core.pretrain;

import com.typesafe.config.Config;
import dev.peft4j.core.config.ConfigProblem;
import dev.peft4j.core.config.PipelineConfigException;
import dev.peft4j.core.config.SettingsReader;
import dev.peft4j.core.config.SettingsViolations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@code pretrain} block: objective, the text, how it is cut into blocks and held out, and the masking. The tuning
 * method is the pipeline's {@code method.type}, as for fine-tuning.
 *
 * @param blockSize          tokens per training sequence, special tokens included
 * @param validationFraction the share of the documents held out to measure loss and perplexity
 * @param seed               seeds the held-out choice and the masks
 */
public record PretrainSettings(ObjectiveChoice objective, CorpusSettings text, int blockSize,
                               double validationFraction, MaskingSettings masking, long seed) {

    /** Blocks shorter than this leave too little context to learn from. */
    public static final int MIN_BLOCK_SIZE = 8;

    public PretrainSettings {
        SettingsViolations v = new SettingsViolations();
        v.check(objective != null, "pretrain.objective", "auto, masked-lm or causal-lm", null);
        v.check(blockSize >= MIN_BLOCK_SIZE, "pretrain.block-size", "a whole number >= " + MIN_BLOCK_SIZE,
                blockSize);
        v.check(validationFraction > 0 && validationFraction <= 0.5, "pretrain.validation-fraction",
                "a number in (0, 0.5]: held-out text measures the loss before and after training",
                validationFraction);
        v.throwIfAny();
    }

    /** @throws PipelineConfigException naming every refused value of the block, with file:line */
    public static PretrainSettings from(Config root, Path baseDir) {
        List<ConfigProblem> problems = new ArrayList<>();
        CorpusSettings text = attempt(() -> CorpusSettings.from(root, baseDir), problems);
        MaskingSettings masking = attempt(() -> MaskingSettings.from(root), problems);
        PretrainSettings settings = attempt(() -> SettingsReader.read(root, c -> new PretrainSettings(
                SettingsReader.enumValue(c, "pretrain.objective", ObjectiveChoice.class),
                text, c.getInt("pretrain.block-size"),
                c.getDouble("pretrain.validation-fraction"), masking, c.getLong("pretrain.seed"))), problems);
        if (!problems.isEmpty()) {
            throw new PipelineConfigException(problems);
        }
        return settings;
    }

    private static <T> T attempt(Supplier<T> reader, List<ConfigProblem> problems) {
        try {
            return reader.get();
        } catch (PipelineConfigException e) {
            problems.addAll(e.problems());
            return null;
        }
    }
}
