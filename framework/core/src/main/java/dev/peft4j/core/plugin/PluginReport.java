package dev.peft4j.core.plugin;

import dev.peft4j.core.extension.ExtensionKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What plugin loading found: every jar in the plugins folder with its state and extensions or its causes, the host's
 * built-in extensions, and the problems that concern the host as a whole (a missing plugins folder, a broken built-in).
 */
public record PluginReport(
        Path pluginsDir,
        String spiVersion,
        List<PluginStatus> plugins,
        Map<ExtensionKind<?>, List<String>> builtIns,
        List<String> hostProblems) {

    public PluginReport {
        plugins = List.copyOf(plugins);
        builtIns = PluginStatus.immutableNames(builtIns);
        hostProblems = List.copyOf(hostProblems);
    }

    /** Every problem, host-wide ones first, each a sentence naming the plugin, its jar and what to do. */
    public List<String> problems() {
        List<String> all = new ArrayList<>(hostProblems);
        plugins.forEach(plugin -> all.addAll(plugin.describedProblems()));
        return all;
    }

    public boolean hasProblems() {
        return !problems().isEmpty();
    }
}
