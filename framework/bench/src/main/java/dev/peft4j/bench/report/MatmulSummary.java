package dev.peft4j.bench.report;

import dev.peft4j.bench.measure.Stats;

/** Large-matmul speed of one engine variant, pooled over rounds. */
public record MatmulSummary(String variant, String backend, int size, Stats gflops) {
}
