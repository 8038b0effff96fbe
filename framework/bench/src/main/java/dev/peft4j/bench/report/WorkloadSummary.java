package dev.peft4j.bench.report;

import dev.peft4j.bench.measure.Stats;

/**
 * One task on one engine variant, pooled over rounds.
 *
 * @param gflopPerStep              analytic FLOPs of one step (see {@code FlopModel}), in GFLOP
 * @param achievedGflops            gflopPerStep / median step time
 * @param fractionOfPeak            achievedGflops / the TensorFlow matmul peak of the same run (null without a probe)
 * @param peakResidentBytes         highest VmHWM over the rounds (each run is its own JVM)
 * @param setupPeakResidentBytes    highest VmHWM over the rounds once the model was built and loaded, before a step
 * @param timeToFirstStepSeconds    median over rounds of setup + first step
 * @param losses                    the first round's loss per step, warm-up included
 * @param referenceVariant          the variant compared against (the first engine listed)
 * @param maxRelativeLossDifference max relative loss difference per step against the reference (null for the
 *                                  reference itself)
 * @param predictionsMatch          inference only: arg-max tokens identical to the reference's at every step
 */
public record WorkloadSummary(String task, String variant, String engine, int runs, double gflopPerStep,
        Stats tokensPerSecond, Stats stepSeconds, double achievedGflops, Double fractionOfPeak, long peakResidentBytes,
        long setupPeakResidentBytes,
        double timeToFirstStepSeconds, double setupSeconds, double firstStepSeconds, double meanLoadAverage,
        float[] losses, String referenceVariant, Double maxRelativeLossDifference, Boolean predictionsMatch) {
}
