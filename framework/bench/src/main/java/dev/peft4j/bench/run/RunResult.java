package dev.peft4j.bench.run;

/**
 * What one forked JVM measured. Workload runs fill the step fields; matmul probes fill {@code matmulSeconds}.
 *
 * @param engine                  the engine's own name (tensorflow, pytorch)
 * @param setupSeconds            graph/model build, session start and weight loading, without drawing the weights
 * @param firstStepSeconds        the first step (TensorFlow optimises the graph here)
 * @param stepSeconds             the measured steps after warm-up
 * @param losses                  every step's loss, warm-up included, in order
 * @param predictionChecksums     inference only: checksum of each step's arg-max tokens
 * @param peakResidentBytes       VmHWM of the JVM at the end of the run
 * @param setupPeakResidentBytes  VmHWM once the model is built and loaded, before the first step
 * @param firstStepPeakResidentBytes VmHWM after the first step
 * @param loadAverageStart        1-minute load average when the run started
 * @param loadAverageEnd          and when it ended
 */
public record RunResult(RunSpec spec, String engine, double setupSeconds, double firstStepSeconds, double[] stepSeconds,
        float[] losses, long[] predictionChecksums, double[] matmulSeconds, long peakResidentBytes,
        long setupPeakResidentBytes, long firstStepPeakResidentBytes, double loadAverageStart, double loadAverageEnd) {

    public double timeToFirstStepSeconds() {
        return setupSeconds + firstStepSeconds;
    }
}
