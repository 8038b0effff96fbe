package dev.peft4j.bench.run;

import dev.peft4j.bench.measure.ProcessProbe;
import dev.peft4j.bench.model.SeededWeights;
import dev.peft4j.bench.model.TokenBatches;
import dev.peft4j.bench.workload.Backend;
import dev.peft4j.bench.workload.StepResult;
import dev.peft4j.bench.workload.Workload;

/** Runs one spec inside the current JVM and times it. */
public final class StepRunner {

    private StepRunner() {
    }

    public static RunResult run(RunSpec spec, Backend backend) {
        double loadStart = ProcessProbe.loadAverage();
        if (spec.measuresMatmul()) {
            double[] seconds = backend.timeMatmul(
                    spec.matmulSize(), spec.matmulIterations(), spec.intraOpThreads(), spec.interOpThreads());
            long peak = ProcessProbe.peakResidentBytes();
            return new RunResult(spec, backend.id(), 0, 0, new double[0], new float[0], new long[0], seconds, peak,
                    peak, peak, loadStart, ProcessProbe.loadAverage());
        }
        TokenBatches batches = new TokenBatches(spec.shape(), spec.seed(), spec.batchPool());
        SeededWeights weights = new SeededWeights(spec.seed());
        float[] losses = new float[spec.totalSteps()];
        long[] checksums = new long[spec.task().trains() ? 0 : spec.totalSteps()];
        double[] measured = new double[spec.measuredSteps()];
        try (Workload workload = backend.workload(spec.workloadSpec())) {
            long start = System.nanoTime();
            workload.setup(weights);
            double setup = (System.nanoTime() - start - weights.generationNanos()) / 1e9;
            long setupPeak = ProcessProbe.peakResidentBytes();
            long firstStepPeak = 0;
            double first = 0;
            for (int step = 0; step < spec.totalSteps(); step++) {
                var batch = batches.at(step);
                long stepStart = System.nanoTime();
                StepResult result = workload.step(batch);
                double seconds = (System.nanoTime() - stepStart) / 1e9;
                if (step == 0) {
                    first = seconds;
                    firstStepPeak = ProcessProbe.peakResidentBytes();
                }
                if (step >= spec.warmupSteps()) {
                    measured[step - spec.warmupSteps()] = seconds;
                }
                losses[step] = result.loss();
                if (checksums.length > 0) {
                    checksums[step] = result.predictionChecksum();
                }
            }
            return new RunResult(spec, workload.engine(), setup, first, measured, losses, checksums, new double[0],
                    ProcessProbe.peakResidentBytes(), setupPeak, firstStepPeak, loadStart, ProcessProbe.loadAverage());
        }
    }
}
