package dev.peft4j.cli;

import dev.peft4j.core.extension.ExtensionKind;
import dev.peft4j.core.plugin.PluginReport;
import dev.peft4j.core.plugin.PluginStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.pf4j.PluginState;

/** Renders a {@link PluginReport} for people: one block per plugin, then the built-ins, then a summary line. */
final class PluginListing {

    private final PluginReport report;

    PluginListing(PluginReport report) {
        this.report = report;
    }

    void print(PrintWriter out) {
        out.println("Plugins folder: " + report.pluginsDir() + " (host SPI " + report.spiVersion() + ")");
        report.hostProblems().forEach(problem -> out.println("  problem: " + problem));
        for (PluginStatus plugin : report.plugins()) {
            out.println();
            out.println(plugin.label() + " " + orUnknown(plugin.manifest().version()) + " by "
                    + orUnknown(plugin.manifest().provider()) + "  " + plugin.state());
            out.println("  jar: " + plugin.jar());
            printExtensions(out, plugin.extensions(), plugin.state() == PluginState.STARTED);
            plugin.problems().forEach(problem -> out.println("  cause: " + problem));
        }
        out.println();
        out.println("Built-in extensions of the host:");
        printExtensions(out, report.builtIns(), true);
        out.println();
        out.println(summary());
        out.flush();
    }

    private static void printExtensions(
            PrintWriter out, Map<ExtensionKind<?>, List<String>> extensions, boolean loaded) {
        if (loaded && extensions.isEmpty()) {
            out.println("  (no extensions)");
        }
        for (ExtensionKind<?> kind : ExtensionKind.ALL) {
            List<String> names = extensions.get(kind);
            if (names != null) {
                out.println("  " + kind.plural() + ": " + String.join(", ", names));
            }
        }
    }

    private String summary() {
        long started = count(PluginState.STARTED);
        long refused = count(PluginState.FAILED);
        long disabled = count(PluginState.DISABLED);
        String line = report.plugins().size() + " plugin(s): " + started + " started, " + refused + " refused"
                + (disabled > 0 ? ", " + disabled + " disabled" : "") + ".";
        return report.hasProblems()
                ? line + " Other peft4j commands refuse to start until every problem above is fixed."
                : line;
    }

    private long count(PluginState state) {
        return report.plugins().stream().filter(plugin -> plugin.state() == state).count();
    }

    private static String orUnknown(String value) {
        return Objects.requireNonNullElse(value, "?");
    }
}
