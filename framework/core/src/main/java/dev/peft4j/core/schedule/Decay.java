package dev.peft4j.core.schedule;

/** The shape of a schedule after warmup, as a fraction of the peak rate. */
@FunctionalInterface
interface Decay {

    /**
     * @param stepsSinceWarmup optimizer steps since warmup ended, from 0
     * @param decaySteps       optimizer steps from the end of warmup to the end of the run, at least 1
     * @return the fraction of the peak rate to use, in [0, 1]
     */
    double factor(long stepsSinceWarmup, long decaySteps);
}
