package dev.peft4j.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peft4j.core.model.TensorFlowDevice;
import dev.peft4j.spi.SpiVersion;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.TensorFlow;

/**
 * {@code manifest.json}: how a run was made and what it cost, so that a result can be traced and reproduced.
 *
 * @param versions        peft4j, SPI, Java, TensorFlow and the plugins loaded (id to version)
 * @param machine         operating system, architecture, processors, the device TensorFlow ran matrix products on
 *                        ({@code CPU:0} or {@code GPU:0}), and the load average when the run started and ended (other
 *                        processes on the machine slow a run down)
 * @param config          the resolved pipeline as JSON
 * @param peakRssBytes    the process's peak resident memory; -1 when the platform does not report it
 */
public record RunManifest(String pipeline, String runDir, long seed, String baseModel, String method,
                          Map<String, String> versions, Map<String, Object> machine, String startedAt,
                          String finishedAt, double wallSeconds, double trainingSeconds, long trainedTokens,
                          double tokensPerSecond, long peakRssBytes, long totalParameters, long trainableParameters,
                          JsonNode config) {

    /** peft4j, SPI, Java and TensorFlow versions. */
    static Map<String, String> currentVersions() {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("peft4j", SpiVersion.peft4j());
        versions.put("spi", SpiVersion.spi());
        versions.put("java", Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
        versions.put("tensorflow", TensorFlow.version());
        return versions;
    }

    /** Operating system, architecture, processors, heap, TensorFlow's device, and the load average then and now. */
    static Map<String, Object> machineOf(RunClock clock) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("arch", System.getProperty("os.arch"));
        machine.put("processors", Runtime.getRuntime().availableProcessors());
        machine.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        machine.put("tensorflow_device", TensorFlowDevice.ofMatMul());
        machine.put("load_average_start", clock.loadAverageAtStart());
        machine.put("load_average_end", loadAverage());
        return machine;
    }

    /** The one-minute system load average, or -1 when the platform has none. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
