package dev.peft4j.core.run;

import java.time.Instant;

/**
 * When a run started, for its wall time, and how busy the machine was then: other processes on a shared machine slow
 * a run down, so the manifest records the load average with the timing.
 */
record RunClock(long startNanos, Instant startedAt, double loadAverageAtStart) {

    static RunClock start() {
        return new RunClock(System.nanoTime(), Instant.now(), RunManifest.loadAverage());
    }

    double wallSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
