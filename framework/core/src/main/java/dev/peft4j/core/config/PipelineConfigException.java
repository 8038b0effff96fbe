package dev.peft4j.core.config;

import java.util.Comparator;
import java.util.List;

/** A pipeline that cannot be run as written; carries every problem found, in file order. */
public final class PipelineConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private static final Comparator<ConfigProblem> FILE_ORDER = Comparator.comparing(ConfigProblem::source)
            .thenComparingInt(ConfigProblem::line)
            .thenComparing(ConfigProblem::path);

    private final transient List<ConfigProblem> problems;

    public PipelineConfigException(List<ConfigProblem> problems) {
        super(describe(problems));
        this.problems = problems.stream().sorted(FILE_ORDER).toList();
    }

    public PipelineConfigException(ConfigProblem problem) {
        this(List.of(problem));
    }

    /** Every problem, sorted by source, line and key. Never empty. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(List<ConfigProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a PipelineConfigException needs at least one problem");
        }
        List<ConfigProblem> sorted = problems.stream().sorted(FILE_ORDER).toList();
        StringBuilder text = new StringBuilder(sorted.size() == 1 ? "1 problem in the pipeline:"
                : sorted.size() + " problems in the pipeline:");
        for (ConfigProblem problem : sorted) {
            text.append(System.lineSeparator()).append("  ").append(problem.message());
        }
        return text.toString();
    }
}
