package dev.peft4j.core.data.report;

import java.util.List;
import java.util.Map;

/**
 * The training split's classes before and after balancing.
 *
 * @param classWeights loss weight per class index for {@code class-weights}, else empty
 */
public record BalanceReport(String strategy, Map<String, Long> before, Map<String, Long> after,
                            List<Float> classWeights) {

    public BalanceReport {
        classWeights = List.copyOf(classWeights);
    }
}
