package dev.peft4j.cli;

import com.typesafe.config.ConfigException;
import dev.peft4j.core.adapter.AdapterException;
import dev.peft4j.core.config.PipelineConfigException;
import dev.peft4j.core.data.DataException;
import dev.peft4j.core.plugin.PluginLoadingException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** peft4j's exit codes, and the mapping from what went wrong to them. */
final class ExitCodes {

    static final int OK = 0;
    static final int RUN_FAILURE = 1;
    static final int USAGE_OR_CONFIG = 2;

    private ExitCodes() {
    }

    /**
     * A configuration, plugin, data-file or adapter-folder problem is the user's to fix: its message (which says
     * what and where) is printed alone, exit 2. Anything else is a failure of the run: message and stack trace, exit 1.
     */
    static final class Handler implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
            if (isTheUsersToFix(e)) {
                command.getErr().println(command.getColorScheme().errorText(e.getMessage()));
                return USAGE_OR_CONFIG;
            }
            command.getErr().println(command.getColorScheme().errorText("peft4j " + command.getCommandName()
                    + " failed: " + e));
            e.printStackTrace(command.getErr());
            return RUN_FAILURE;
        }

        private static boolean isTheUsersToFix(Exception e) {
            return e instanceof PluginLoadingException
                    || e instanceof PipelineConfigException
                    || e instanceof ConfigException
                    || e instanceof DataException
                    || e instanceof AdapterException;
        }
    }
}
