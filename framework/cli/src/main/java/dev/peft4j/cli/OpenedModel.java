package dev.peft4j.cli;

import dev.peft4j.core.plugin.PluginHost;
import dev.peft4j.core.run.BuiltinModels;
import dev.peft4j.core.run.TrainedModel;
import dev.peft4j.core.run.TrainedRun;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * A run folder or adapter folder opened to score one data file, with the plugins it needs: what {@code evaluate} and
 * {@code predict} share. A folder that is neither is a bad argument (exit code 2), not a failure.
 */
final class OpenedModel implements AutoCloseable {

    private final PluginHost host;
    private final TrainedModel model;
    private final PrintStream console;

    private OpenedModel(PluginHost host, TrainedModel model, PrintStream console) {
        this.host = host;
        this.model = model;
        this.console = console;
    }

    static OpenedModel open(Peft4jCommand root, CommandSpec spec, Path folder, Path data) {
        TrainedRun run;
        try {
            run = TrainedRun.locate(folder);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintStream console = ConsoleStream.of(spec.commandLine().getOut());
        PluginHost host = root.startPlugins();
        try {
            TrainedModel model = TrainedModel.open(run, host, root.overrideValues(), data,
                    BuiltinModels.modelsDir(root.hostConfig()), console);
            return new OpenedModel(host, model, console);
        } catch (RuntimeException | Error e) {
            host.close();
            throw e;
        }
    }

    PluginHost host() {
        return host;
    }

    TrainedModel model() {
        return model;
    }

    /** Progress and messages go here; flush it before writing to the command's own writer. */
    PrintStream console() {
        return console;
    }

    @Override
    public void close() {
        try {
            model.close();
        } finally {
            host.close();
        }
    }
}
