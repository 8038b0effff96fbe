package dev.peft4j.core.config;

import com.typesafe.config.Config;
import java.nio.file.Path;

/**
 * The {@code pipeline} block: what the run is called, where it writes, how it is seeded.
 *
 * @param name   {@code pipeline.name}
 * @param runDir {@code pipeline.run-dir}
 * @param seed   {@code pipeline.seed}
 */
public record PipelineSettings(String name, Path runDir, long seed) {

    public PipelineSettings {
        SettingsViolations violations = new SettingsViolations();
        violations.check(name != null && !name.isBlank() && name.indexOf('/') < 0 && name.indexOf('\\') < 0,
                "pipeline.name", "a non-blank name without / or \\ (it names the run dir)", name);
        violations.check(runDir != null, "pipeline.run-dir", "a folder path", runDir);
        violations.throwIfAny();
    }

    public static PipelineSettings from(Config root) {
        return SettingsReader.read(root, c -> new PipelineSettings(
                c.getString("pipeline.name"),
                Path.of(c.getString("pipeline.run-dir")),
                c.getLong("pipeline.seed")));
    }
}
