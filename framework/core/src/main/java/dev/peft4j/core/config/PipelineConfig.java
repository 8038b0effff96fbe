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

    /** HOCON, each value preceded by a comment naming where it came from (file and line, or the command line). */
    public String render() {
        return config.root().render(ConfigRenderOptions.defaults().setComments(false).setOriginComments(true)
                .setJson(false).setFormatted(true));
    }

    /** Plain JSON (no comments, as JSON has none). */
    public String renderJson() {
        return config.root().render(ConfigRenderOptions.concise().setFormatted(true));
    }
}
