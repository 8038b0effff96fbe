package dev.peft4j.bench.peft4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;

/**
 * Where a traced TensorFlow step spent its time: op time summed by op type and the slowest single ops, from the
 * {@code StepStats} of a FULL_TRACE run. Op times overlap when inter-op threads run ops side by side, so shares are of
 * the summed op time, not of the wall time.
 */
final class StepTrace {

    /** The property naming a folder: when set, each peft4j step is traced and summarised there. */
    static final String PROPERTY = "peft4j.bench.trace";

    private record OpTime(String name, String type, long micros, String shape) {
    }

    private StepTrace() {
    }

    static void write(RunMetadata metadata, Path file) {
        List<OpTime> ops = new ArrayList<>();
        metadata.getStepStats().getDevStatsList().forEach(device -> {
            for (NodeExecStats node : device.getNodeStatsList()) {
                long micros = node.getAllEndRelMicros();
                ops.add(new OpTime(node.getNodeName(), typeOf(node), micros, outputShape(node)));
            }
        });
        Map<String, long[]> byType = new HashMap<>();
        long total = 0;
        for (OpTime op : ops) {
            long[] sum = byType.computeIfAbsent(op.type(), t -> new long[2]);
            sum[0] += op.micros();
            sum[1]++;
            total += op.micros();
        }
        StringBuilder out = new StringBuilder(String.format("summed op time %.3f s over %d ops%n", total / 1e6,
                ops.size()));
        out.append(memoryPeak(metadata)).append(String.format("%n"));
        out.append(String.format("%-42s %10s %6s %7s%n", "op type", "ms", "ops", "share"));
        long all = Math.max(total, 1);
        byType.entrySet().stream().sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0]))
                .forEach(e -> out.append(String.format("%-42s %10.1f %6d %6.1f%%%n", e.getKey(),
                        e.getValue()[0] / 1e3, e.getValue()[1], 100.0 * e.getValue()[0] / all)));
        out.append(String.format("%nevery op, slowest first%n"));
        ops.stream().sorted(Comparator.comparingLong(op -> -op.micros()))
                .forEach(op -> out.append(String.format("%10.1f ms  %-28s %-60s %s%n", op.micros() / 1e3, op.type(),
                        op.name(), op.shape())));
        out.append(timeline(metadata));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the step trace " + file, e);
        }
    }

    /**
     * The highest point of the step's own allocations (what the step allocated and had not yet freed; weights and
     * other memory held across steps are not in it) and the ops running at that moment.
     */
    private static String memoryPeak(RunMetadata metadata) {
        List<NodeExecStats> nodes = nodes(metadata);
        List<long[]> events = allocations(nodes);
        long live = 0;
        long peak = 0;
        long peakAt = 0;
        for (long[] e : events) {
            live += e[1];
            if (live > peak) {
                peak = live;
                peakAt = e[0];
            }
        }
        long at = peakAt;
        StringBuilder running = new StringBuilder();
        nodes.stream().filter(n -> n.getAllStartMicros() <= at && at <= n.getAllStartMicros() + n.getAllEndRelMicros())
                .forEach(n -> running.append(' ').append(n.getNodeName()).append(" (").append(typeOf(n)).append(')'));
        return String.format("step allocations peak %.0f MB, reached in:%s%n", peak / 1e6, running);
    }

    /** Every op in the order it started, with the step's live allocations at its start. */
    private static String timeline(RunMetadata metadata) {
        List<NodeExecStats> nodes = nodes(metadata);
        List<long[]> events = allocations(nodes);
        nodes.sort(Comparator.comparingLong(NodeExecStats::getAllStartMicros));
        long first = nodes.isEmpty() ? 0 : nodes.get(0).getAllStartMicros();
        StringBuilder out = new StringBuilder(String.format("%nevery op in start order: start ms, live MB, op%n"));
        int next = 0;
        long live = 0;
        for (NodeExecStats n : nodes) {
            while (next < events.size() && events.get(next)[0] <= n.getAllStartMicros()) {
                live += events.get(next++)[1];
            }
            out.append(String.format("%9.1f %7.0f  %s (%s)%n", (n.getAllStartMicros() - first) / 1e3, live / 1e6,
                    n.getNodeName(), typeOf(n)));
        }
        return out.toString();
    }

    private static List<NodeExecStats> nodes(RunMetadata metadata) {
        List<NodeExecStats> nodes = new ArrayList<>();
        metadata.getStepStats().getDevStatsList().forEach(device -> nodes.addAll(device.getNodeStatsList()));
        return nodes;
    }

    /** Every allocation and free of the step as {time in µs, bytes (negative when freed)}, in time order. */
    private static List<long[]> allocations(List<NodeExecStats> nodes) {
        List<long[]> events = new ArrayList<>();
        nodes.forEach(node -> node.getMemoryList().forEach(memory -> memory.getAllocationRecordsList()
                .forEach(r -> events.add(new long[] {r.getAllocMicros(), r.getAllocBytes()}))));
        events.sort(Comparator.comparingLong(e -> e[0]));
        return events;
    }

    /** The shape of the op's first output, e.g. {@code [1024,768]}; empty when it has none. */
    private static String outputShape(NodeExecStats node) {
        if (node.getOutputCount() == 0) {
            return "";
        }
        StringBuilder shape = new StringBuilder("[");
        node.getOutput(0).getTensorDescription().getShape().getDimList()
                .forEach(d -> shape.append(shape.length() > 1 ? "," : "").append(d.getSize()));
        return shape.append(']').toString();
    }

    /** The op type from the timeline label, {@code "name = Type(inputs)"}. */
    private static String typeOf(NodeExecStats node) {
        String label = node.getTimelineLabel();
        int equals = label.indexOf(" = ");
        int paren = label.indexOf('(', Math.max(equals, 0));
        if (equals < 0 || paren < 0) {
            return node.getNodeName().startsWith("_") ? node.getNodeName() : "?";
        }
        return label.substring(equals + 3, paren);
    }
}
