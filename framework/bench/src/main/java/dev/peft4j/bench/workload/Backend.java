package dev.peft4j.bench.workload;

/**
 * An engine the harness can race: it builds workloads and measures its own large-matmul speed. Implementations are
 * listed in {@link Backends}; each run happens in its own JVM, so a backend may configure process-wide state (thread
 * pools, native libraries) when it is first used.
 */
public interface Backend {

    /** The id used on the command line and in reports, e.g. {@code tf} or {@code torch}. */
    String id();

    Workload workload(WorkloadSpec spec);

    /**
     * Times {@code iterations} products of two n x n fp32 matrices after one warm-up product and returns the seconds each
     * took (fetching the result's first element, so the work cannot be skipped).
     */
    double[] timeMatmul(int n, int iterations, int intraOpThreads, int interOpThreads);
}
