package dev.peft4j.bench.report;

import java.util.List;
import java.util.Map;

/** The JSON file a bench run writes. */
public record BenchReport(String startedAt, double wallSeconds, MachineInfo machine, double loadAverageStart,
        double loadAverageEnd, Map<String, Object> settings, Map<String, String> variants, String flopFormula,
        double parityTolerance, List<MatmulSummary> matmul, List<WorkloadSummary> workloads, List<String> failures) {
}
