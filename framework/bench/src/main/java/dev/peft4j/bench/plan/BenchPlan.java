package dev.peft4j.bench.plan;

import dev.peft4j.bench.model.AdamSettings;
import dev.peft4j.bench.model.Task;
import dev.peft4j.bench.run.RunSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The order of runs: first the matmul probes (one for TensorFlow, taken by the first TensorFlow engine, and one per
 * PyTorch engine; the peak hardly moves between rounds, so it is measured once), then per round each task on every
 * engine that implements it. Engines run in the given order in even
 * rounds and reversed in odd rounds, so slow drifts of machine load hit every engine alike.
 */
public final class BenchPlan {

    /**
     * @param matmul whether to measure the large-matmul peak
     */
    public static List<PlannedRun> build(List<Variant> variants, List<Task> tasks, Profile profile, Shapes shapes,
            AdamSettings adam, RunSettings settings, boolean matmul) {
        List<Variant> probes = matmul ? probing(variants) : List.of();
        List<PlannedRun> runs = new ArrayList<>();
        for (int rep = 0; rep < profile.repetitions(); rep++) {
            List<Variant> order = new ArrayList<>(variants);
            if (rep % 2 == 1) {
                Collections.reverse(order);
            }
            for (Variant v : order) {
                if (rep == 0 && probes.contains(v)) {
                    runs.add(new PlannedRun(rep, v, spec(v, null, profile, shapes, adam, settings)));
                }
            }
            for (Task task : tasks) {
                for (Variant v : order) {
                    if (v.runs(task)) {
                        runs.add(new PlannedRun(rep, v, spec(v, task, profile, shapes, adam, settings)));
                    }
                }
            }
        }
        return List.copyOf(runs);
    }

    /** Every PyTorch variant (the allocator may matter) and the first TensorFlow one (they share one runtime). */
    private static List<Variant> probing(List<Variant> variants) {
        List<Variant> probes = new ArrayList<>();
        boolean tensorflow = false;
        for (Variant v : variants) {
            if (!v.tensorflow() || !tensorflow) {
                probes.add(v);
            }
            tensorflow |= v.tensorflow();
        }
        return probes;
    }

    private static RunSpec spec(Variant v, Task task, Profile p, Shapes shapes, AdamSettings adam, RunSettings s) {
        return new RunSpec(v.name(), v.backend(), task, task == null ? null : shapes.forTask(task), adam,
                p.warmupSteps(), p.measuredSteps(), s.batchPool(), s.seed(), s.intraOpThreads(), s.interOpThreads(),
                s.matmulSize(), p.matmulIterations());
    }

    private BenchPlan() {
    }

    /** Settings every run of a plan shares. */
    public record RunSettings(int batchPool, long seed, int intraOpThreads, int interOpThreads, int matmulSize) {
    }
}
