package dev.peft4j.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;

/**
 * A validated, fully resolved pipeline: the reference defaults, the pipeline file and the overrides merged.
 *
 * @param config the resolved configuration, rooted at the top-level blocks ({@code training.epochs}, ...)
 * @param source where the pipeline came from, e.g. its file name, for reports and messages
 */
public record PipelineConfig(Config config, String source) {

    public PipelineConfig {
        if (!config.isResolved()) {
            throw new IllegalArgumentException("a PipelineConfig must be resolved; load it with PipelineConfigLoader");
        }
    }

    /**
     * HOCON, one value per line followed by a comment naming where it came from: {@code file:line}, a plugin's
     * {@code jar!/reference.conf:line}, or {@code command line}. Parses back to the same config.
     */
    public String render() {
        return PipelineRenderer.render(config.root());
    }

    /** Plain JSON (no comments, as JSON has none). */
    public String renderJson() {
        return config.root().render(ConfigRenderOptions.concise().setFormatted(true));
    }
}
