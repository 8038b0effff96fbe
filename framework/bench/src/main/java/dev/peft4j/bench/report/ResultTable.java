package dev.peft4j.bench.report;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The human-readable result: matmul peaks, one line per task and engine, and the parity verdicts. */
public final class ResultTable {

    private ResultTable() {
    }

    public static void print(PrintStream out, List<MatmulSummary> matmul, List<WorkloadSummary> workloads) {
        if (!matmul.isEmpty()) {
            out.println();
            out.println("Large matmul, fp32 (GFLOP/s: median [min - max])");
            for (MatmulSummary m : matmul) {
                out.printf(Locale.ROOT, "  %-12s %dx%d  %7.1f [%.1f - %.1f]%n", m.variant(), m.size(), m.size(),
                        m.gflops().median(), m.gflops().min(), m.gflops().max());
            }
        }
        if (workloads.isEmpty()) {
            return;
        }
        out.println();
        out.printf(Locale.ROOT, "%-11s %-12s %22s %8s %6s %16s %9s %5s %s%n", "task", "engine",
                "tokens/s med [min-max]", "GFLOP/s", "%peak", "peakRSS (setup)", "1st step", "load", "loss vs reference");
        for (WorkloadSummary w : workloads) {
            out.printf(Locale.ROOT, "%-11s %-12s %22s %8.1f %6s %16s %8.1fs %5.1f %s%n", w.task(), w.variant(),
                    String.format(Locale.ROOT, "%.0f [%.0f-%.0f]", w.tokensPerSecond().median(),
                            w.tokensPerSecond().min(), w.tokensPerSecond().max()),
                    w.achievedGflops(),
                    w.fractionOfPeak() == null ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * w.fractionOfPeak()),
                    String.format(Locale.ROOT, "%.0fMB (%.0f)", w.peakResidentBytes() / 1e6,
                            w.setupPeakResidentBytes() / 1e6),
                    w.timeToFirstStepSeconds(), w.meanLoadAverage(), verdict(w));
        }
    }

    /** Side-by-side loss curves of every engine per task. */
    public static void printCurves(PrintStream out, List<WorkloadSummary> workloads) {
        List<String> tasks = workloads.stream().map(WorkloadSummary::task).distinct().toList();
        for (String task : tasks) {
            List<WorkloadSummary> rows = workloads.stream().filter(w -> w.task().equals(task)).toList();
            out.println();
            out.printf(Locale.ROOT, "Loss per step, %s%n%5s", task, "step");
            rows.forEach(w -> out.printf(Locale.ROOT, " %14s", w.variant()));
            out.println();
            int steps = rows.stream().mapToInt(w -> w.losses().length).max().orElse(0);
            for (int i = 0; i < steps; i++) {
                out.printf(Locale.ROOT, "%5d", i);
                for (WorkloadSummary w : rows) {
                    out.printf(Locale.ROOT, " %14s", i < w.losses().length ? String.format(Locale.ROOT, "%.7f",
                            w.losses()[i]) : "");
                }
                out.println();
            }
        }
    }

    static String verdict(WorkloadSummary w) {
        if (w.maxRelativeLossDifference() == null) {
            return "(reference)";
        }
        double d = w.maxRelativeLossDifference();
        String agreement = Parity.agrees(d) ? "agrees" : "DIFFERS (race not fair)";
        String predictions = w.predictionsMatch() == null ? "" : w.predictionsMatch() ? ", same argmax" : ", argmax differs";
        return String.format(Locale.ROOT, "max rel %.1e %s%s", d, agreement, predictions);
    }
}
