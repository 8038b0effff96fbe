package dev.peft4j.core.config;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Every settings record of the host, read at once so that {@code peft4j validate} reports the refused values of
 * all blocks together.
 */
public record HostSettings(PipelineSettings pipeline, TrainingSettings training, EvaluationSettings evaluation) {

    public HostSettings {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(evaluation, "evaluation");
    }

    /** @throws PipelineConfigException with the problems of every block */
    public static HostSettings from(Config root) {
        List<ConfigProblem> problems = new ArrayList<>();
        PipelineSettings pipeline = attempt(PipelineSettings::from, root, problems);
        TrainingSettings training = attempt(TrainingSettings::from, root, problems);
        EvaluationSettings evaluation = attempt(EvaluationSettings::from, root, problems);
        if (!problems.isEmpty()) {
            throw new PipelineConfigException(problems);
        }
        return new HostSettings(pipeline, training, evaluation);
    }

    private static <T> T attempt(Function<Config, T> reader, Config root, List<ConfigProblem> problems) {
        try {
            return reader.apply(root);
        } catch (PipelineConfigException e) {
            problems.addAll(e.problems());
            return null;
        }
    }
}
