package dev.peft4j.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the numbers were measured on. */
public record MachineInfo(String cpu, int logicalCores, long memoryBytes, String java, String os) {

    public static MachineInfo current() {
        return new MachineInfo(procValue("/proc/cpuinfo", "model name"), Runtime.getRuntime().availableProcessors(),
                memoryKilobytes() * 1024, System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }

    private static long memoryKilobytes() {
        String total = procValue("/proc/meminfo", "MemTotal");
        return total.isEmpty() ? 0 : Long.parseLong(total.split("\\s+")[0]);
    }

    private static String procValue(String file, String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            return lines.stream().filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("");
        } catch (IOException e) {
            return "";
        }
    }
}
