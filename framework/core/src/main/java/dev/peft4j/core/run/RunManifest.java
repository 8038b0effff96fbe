package dev.peft4j.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * {@code manifest.json}: how a run was made and what it cost, so that a result can be traced and reproduced.
 *
 * @param versions        peft4j, SPI, Java and the plugins loaded (id to version)
 * @param machine         operating system, architecture, processors, and the load average when the run started and
 *                        ended (other processes on the machine slow a run down)
 * @param config          the resolved pipeline as JSON
 * @param peakRssBytes    the process's peak resident memory; -1 when the platform does not report it
 */
public record RunManifest(String pipeline, String runDir, long seed, String baseModel, String method,
                          Map<String, String> versions, Map<String, Object> machine, String startedAt,
                          String finishedAt, double wallSeconds, double trainingSeconds, long trainedTokens,
                          double tokensPerSecond, long peakRssBytes, long totalParameters, long trainableParameters,
                          JsonNode config) {

    /** The one-minute system load average, or -1 when the platform has none. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
