package dev.peft4j.bench.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Readings of this process and machine from /proc (Linux only). */
public final class ProcessProbe {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path LOADAVG = Path.of("/proc/loadavg");

    private ProcessProbe() {
    }

    /** Peak resident set size (VmHWM) of this process, in bytes. */
    public static long peakResidentBytes() {
        return statusKilobytes(readLines(STATUS), "VmHWM") * 1024;
    }

    /** The 1-minute load average. */
    public static double loadAverage() {
        return parseLoadAverage(readLines(LOADAVG).get(0));
    }

    static long statusKilobytes(List<String> status, String key) {
        for (String line : status) {
            if (line.startsWith(key + ":")) {
                String[] parts = line.substring(key.length() + 1).trim().split("\\s+");
                return Long.parseLong(parts[0]);
            }
        }
        throw new IllegalStateException("no " + key + " line in /proc/self/status: is this Linux?");
    }

    static double parseLoadAverage(String line) {
        return Double.parseDouble(line.trim().split("\\s+")[0]);
    }

    private static List<String> readLines(Path path) {
        try {
            return Files.readAllLines(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " (the benchmark needs Linux's /proc)", e);
        }
    }
}
