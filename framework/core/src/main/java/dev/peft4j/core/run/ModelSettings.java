package dev.peft4j.core.run;

import com.typesafe.config.Config;
import dev.peft4j.core.config.SettingsReader;
import dev.peft4j.core.config.SettingsViolations;
import dev.peft4j.spi.metric.TaskType;
import java.util.Locale;

/**
 * The parts of the {@code model} block a run resolves itself (the graph options are
 * {@link dev.peft4j.core.model.ModelOptions}).
 *
 * @param path       {@code model.path}: a checkpoint folder, or {@code builtin:<name>}
 * @param task       {@code model.task}
 * @param randomInit {@code model.random-init}
 */
public record ModelSettings(String path, TaskType task, boolean randomInit) {

    public ModelSettings {
        SettingsViolations v = new SettingsViolations();
        v.check(path != null && !path.isBlank(), "model.path",
                "a Hugging Face checkpoint folder or \"" + BuiltinModels.PREFIX + BuiltinModels.MINILM + "\"", path);
        v.check(task != null, "model.task", "classification, regression or causal-lm", task);
        v.throwIfAny();
    }

    public static ModelSettings from(Config root) {
        return SettingsReader.read(root, c -> new ModelSettings(
                c.getIsNull("model.path") ? null : c.getString("model.path"),
                TaskType.valueOf(c.getString("model.task").replace('-', '_').toUpperCase(Locale.ROOT)),
                c.getBoolean("model.random-init")));
    }
}
