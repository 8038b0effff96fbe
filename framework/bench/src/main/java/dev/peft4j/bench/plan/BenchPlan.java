package dev.peft4j.bench.plan;

import dev.peft4j.bench.model.AdamSettings;
import dev.peft4j.bench.model.GptShape;
import dev.peft4j.bench.model.Task;
import dev.peft4j.bench.run.RunSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The order of runs: per round, first each engine's matmul probe, then each task on every engine. Engines run in the
 * given order in even rounds and reversed in odd rounds, so slow drifts of machine load hit every engine alike.
 */
public final class BenchPlan {

    /**
     * @param settings shared run settings; its variant/backend fields are replaced per engine
     * @param matmul   whether to measure the large-matmul peak
     */
    public static List<PlannedRun> build(List<Variant> variants, List<Task> tasks, Profile profile, GptShape shape,
            AdamSettings adam, RunSettings settings, boolean matmul) {
        List<PlannedRun> runs = new ArrayList<>();
        for (int rep = 0; rep < profile.repetitions(); rep++) {
            List<Variant> order = new ArrayList<>(variants);
            if (rep % 2 == 1) {
                Collections.reverse(order);
            }
            if (matmul) {
                for (Variant v : order) {
                    runs.add(new PlannedRun(rep, v, spec(v, null, profile, shape, adam, settings)));
                }
            }
            for (Task task : tasks) {
                for (Variant v : order) {
                    runs.add(new PlannedRun(rep, v, spec(v, task, profile, shape, adam, settings)));
                }
            }
        }
        return List.copyOf(runs);
    }

    private static RunSpec spec(Variant v, Task task, Profile p, GptShape shape, AdamSettings adam, RunSettings s) {
        return new RunSpec(v.name(), v.backend(), task, shape, adam, p.warmupSteps(), p.measuredSteps(), s.batchPool(),
                s.seed(), s.intraOpThreads(), s.interOpThreads(), s.matmulSize(), p.matmulIterations());
    }

    private BenchPlan() {
    }

    /** Settings every run of a plan shares. */
    public record RunSettings(int batchPool, long seed, int intraOpThreads, int interOpThreads, int matmulSize) {
    }
}
