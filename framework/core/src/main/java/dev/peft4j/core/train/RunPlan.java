package dev.peft4j.core.train;

/**
 * The shape of a run, fixed before its first step: how rows become micro-batches and optimizer steps.
 *
 * @param rows                   training rows
 * @param microBatchesPerEpoch   micro-batches of one epoch (the last one may be short)
 * @param stepsPerEpoch          optimizer steps of one epoch (the last one may accumulate fewer micro-batches)
 * @param totalSteps             optimizer steps of the whole run
 * @param warmupSteps            optimizer steps of learning-rate warmup
 */
public record RunPlan(int rows, int batchSize, int accumulationSteps, int microBatchesPerEpoch, long stepsPerEpoch,
                      long totalSteps, long warmupSteps) {

    public static RunPlan of(int rows, TrainerOptions options) {
        if (rows < 1) {
            throw new IllegalArgumentException("the training data has no rows");
        }
        int microBatches = (rows + options.batchSize() - 1) / options.batchSize();
        long stepsPerEpoch = (microBatches + options.accumulationSteps() - 1) / options.accumulationSteps();
        long total = options.maxSteps() > 0 ? options.maxSteps() : stepsPerEpoch * options.epochs();
        long warmup = options.warmupSteps() > 0
                ? Math.min(options.warmupSteps(), total)
                : (long) Math.ceil(options.warmupRatio() * total);
        return new RunPlan(rows, options.batchSize(), options.accumulationSteps(), microBatches, stepsPerEpoch, total,
                warmup);
    }
}
