package dev.peft4j.core.run;

import dev.peft4j.core.model.ModelGraph;
import dev.peft4j.core.model.TrainableVariable;
import dev.peft4j.core.report.ParameterCounts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trainable against total parameters, as printed at the start of every run: the total counts every weight of the
 * graph (base, head and the method's variables), the trainable ones are split into the method's own variables, base
 * weights the method unfroze, and the new task head (with BERT's pooler when the checkpoint has none).
 */
record ParameterReport(long total, Map<String, Long> trainableByGroup) {

    static ParameterReport of(ModelGraph graph) {
        Map<String, Long> groups = new LinkedHashMap<>();
        List<String> headPrefixes = graph.headModules().stream().map(module -> module + ".").toList();
        for (TrainableVariable v : graph.trainables()) {
            String group = v.name().startsWith("adapters/") ? "method variables"
                    : headPrefixes.stream().anyMatch(v.name()::startsWith) ? "task head" : "unfrozen base weights";
            groups.merge(group, v.size(), Long::sum);
        }
        return new ParameterReport(graph.parameterCount(), groups);
    }

    long trainable() {
        return trainableByGroup.values().stream().mapToLong(Long::longValue).sum();
    }

    ParameterCounts counts() {
        return new ParameterCounts(total, trainable());
    }

    /** e.g. {@code trainable params: 74,498 || all params: 22,787,714 || trainable%: 0.3269 (method variables ...)}. */
    String line() {
        StringBuilder groups = new StringBuilder();
        trainableByGroup.forEach((group, count) -> groups.append(groups.isEmpty() ? "" : ", ")
                .append(group).append(' ').append(String.format(Locale.ROOT, "%,d", count)));
        return String.format(Locale.ROOT, "trainable params: %,d || all params: %,d || trainable%%: %.4f (%s)",
                trainable(), total, 100.0 * counts().trainableFraction(), groups);
    }
}
