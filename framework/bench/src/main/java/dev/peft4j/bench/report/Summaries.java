package dev.peft4j.bench.report;

import dev.peft4j.bench.measure.FlopModel;
import dev.peft4j.bench.measure.Stats;
import dev.peft4j.bench.model.Task;
import dev.peft4j.bench.run.RunResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Pools the rounds of each (task, variant) and compares every variant with the first one. */
public final class Summaries {

    /** Backends that run on TensorFlow, whose matmul probe is the yardstick. */
    private static final Set<String> TENSORFLOW_BACKENDS = Set.of("peft4j", "tf");

    private Summaries() {
    }

    public static List<MatmulSummary> matmul(List<RunResult> results, List<String> variants) {
        List<MatmulSummary> summaries = new ArrayList<>();
        for (String variant : variants) {
            List<RunResult> runs = select(results, null, variant);
            if (runs.isEmpty()) {
                continue;
            }
            int n = runs.get(0).spec().matmulSize();
            double[] gflops = runs.stream().flatMapToDouble(r -> Arrays.stream(r.matmulSeconds()))
                    .map(s -> FlopModel.matmul(n) / s / 1e9).toArray();
            summaries.add(new MatmulSummary(variant, runs.get(0).spec().backend(), n, Stats.of(gflops)));
        }
        return summaries;
    }

    /** The TensorFlow matmul peak, the yardstick of every workload's achieved FLOP rate; null when not measured. */
    public static Double peakGflops(List<MatmulSummary> matmul) {
        return matmul.stream().filter(m -> TENSORFLOW_BACKENDS.contains(m.backend())).findFirst()
                .map(m -> m.gflops().median()).orElse(null);
    }

    public static List<WorkloadSummary> workloads(List<RunResult> results, List<Task> tasks, List<String> variants,
            Double peakGflops) {
        List<WorkloadSummary> summaries = new ArrayList<>();
        for (Task task : tasks) {
            RunResult reference = null;
            for (String variant : variants) {
                List<RunResult> runs = select(results, task, variant);
                if (runs.isEmpty()) {
                    continue;
                }
                RunResult first = runs.get(0);
                if (reference == null) {
                    reference = first;
                }
                summaries.add(summarise(task, variant, runs, reference == first ? null : reference, peakGflops));
            }
        }
        return summaries;
    }

    private static WorkloadSummary summarise(Task task, String variant, List<RunResult> runs, RunResult reference,
            Double peakGflops) {
        RunResult first = runs.get(0);
        double tokens = first.spec().shape().tokensPerStep();
        double gflop = FlopModel.perStep(first.spec().shape(), task) / 1e9;
        Stats seconds = Stats.of(runs.stream().flatMapToDouble(r -> Arrays.stream(r.stepSeconds())).toArray());
        double achieved = gflop / seconds.median();
        Double parity = reference == null ? null : Parity.maxRelativeDifference(reference.losses(), first.losses());
        Boolean predictions = reference == null || task.trains()
                ? null
                : Arrays.equals(reference.predictionChecksums(), first.predictionChecksums());
        return new WorkloadSummary(task.id(), variant, first.engine(), runs.size(), gflop, seconds.inverse(tokens),
                seconds, achieved, peakGflops == null ? null : achieved / peakGflops,
                runs.stream().mapToLong(RunResult::peakResidentBytes).max().orElseThrow(),
                runs.stream().mapToLong(RunResult::setupPeakResidentBytes).max().orElseThrow(),
                median(runs.stream().mapToDouble(RunResult::timeToFirstStepSeconds).toArray()),
                median(runs.stream().mapToDouble(RunResult::setupSeconds).toArray()),
                median(runs.stream().mapToDouble(RunResult::firstStepSeconds).toArray()),
                runs.stream().mapToDouble(r -> (r.loadAverageStart() + r.loadAverageEnd()) / 2).average().orElseThrow(),
                first.losses(), reference == null ? null : reference.spec().variant(), parity, predictions);
    }

    private static List<RunResult> select(List<RunResult> results, Task task, String variant) {
        return results.stream()
                .filter(r -> r.spec().variant().equals(variant) && r.spec().task() == task)
                .toList();
    }

    private static double median(double[] values) {
        return Stats.of(values).median();
    }
}
