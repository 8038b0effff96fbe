package dev.peft4j.core.plugin;

import java.util.List;

/** The host refuses to start because plugin loading found problems; carries every one of them. */
public final class PluginLoadingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public PluginLoadingException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        StringBuilder text = new StringBuilder()
                .append(problems.size() == 1 ? "1 plugin problem stops" : problems.size() + " plugin problems stop")
                .append(" peft4j from starting:");
        problems.forEach(problem -> text.append(System.lineSeparator()).append("  - ").append(problem));
        return text.append(System.lineSeparator())
                .append("Run `peft4j plugins` to list every plugin with its state.").toString();
    }
}
