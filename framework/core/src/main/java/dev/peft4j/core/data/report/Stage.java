package dev.peft4j.core.data.report;

import java.util.Map;

/** One step of the pipeline: rows in, rows out, and why the missing rows were dropped (reason to count). */
public record Stage(String name, long rowsIn, long rowsOut, Map<String, Long> dropped) {

    public Stage {
        dropped = Map.copyOf(dropped);
    }
}
