package dev.peft4j.core.run;

import dev.peft4j.core.config.ExtensionChoice;
import dev.peft4j.core.config.PipelineConfigLoader;
import dev.peft4j.core.extension.Extensions;
import dev.peft4j.core.plugin.PluginHost;
import java.util.List;

/** The pipeline loader of a started host: every reference.conf, and the names each extension kind offers. */
public final class PipelineLoading {

    private PipelineLoading() {
    }

    public static PipelineConfigLoader loader(PluginHost host) {
        Extensions extensions = host.extensions();
        return PipelineConfigLoader.forHost(List.copyOf(host.referenceConfigs().values()), List.of(
                ExtensionChoice.tuningMethods(extensions.tuningMethods().names()),
                ExtensionChoice.schedules(extensions.schedules().names()),
                ExtensionChoice.metrics(extensions.metrics().names()),
                new ExtensionChoice("data.augment.augmenters", "data.augment", "augmenter",
                        extensions.augmenters().names())));
    }
}
