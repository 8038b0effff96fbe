package dev.peft4j.bench.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peft4j.bench.workload.Backends;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Entry point of one forked measurement JVM: {@code ChildMain <spec.json> <result.json>}. One run per process, so peak
 * memory belongs to that run alone and per-process settings (allocator, environment) apply to it alone.
 */
public final class ChildMain {

    private ChildMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ChildMain <spec.json> <result.json>");
        }
        ObjectMapper json = Json.mapper();
        RunSpec spec = json.readValue(Path.of(args[0]).toFile(), RunSpec.class);
        RunResult result = StepRunner.run(spec, Backends.byId(spec.backend()));
        Json.writeAtomically(json, Path.of(args[1]), result);
    }
}
