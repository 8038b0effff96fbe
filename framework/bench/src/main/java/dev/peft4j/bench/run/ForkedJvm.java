package dev.peft4j.bench.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peft4j.bench.plan.PlannedRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one planned run in a fresh JVM ({@link ChildMain}) with the variant's environment, the same class path and the
 * engine system properties this JVM was given. The child's output goes to {@code <label>.log} in the work directory.
 */
public final class ForkedJvm {

    /** System properties that steer the engines; forwarded when set. */
    private static final List<String> FORWARDED_PROPERTIES =
            List.of("ai.djl.offline", "PYTORCH_VERSION", "ENGINE_CACHE_DIR", "DJL_CACHE_DIR");

    private final Path workDir;
    private final List<String> jvmOptions;
    private final Duration timeout;
    private final ObjectMapper json = Json.mapper();

    public ForkedJvm(Path workDir, List<String> jvmOptions, Duration timeout) {
        this.workDir = workDir;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.timeout = timeout;
    }

    public RunResult run(PlannedRun run) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path specFile = workDir.resolve(run.label() + "-spec.json");
        Path resultFile = workDir.resolve(run.label() + "-result.json");
        Path log = workDir.resolve(run.label() + ".log");
        Files.deleteIfExists(resultFile);
        Json.writeAtomically(json, specFile, run.spec());

        ProcessBuilder builder = new ProcessBuilder(command(specFile, resultFile))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        run.variant().cleared().forEach(env::remove);
        env.putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "1");
        env.putAll(run.variant().environment());

        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new RunFailedException(run.label() + " ran past its " + timeout.toSeconds()
                    + " s limit (raise --run-timeout or measure fewer steps); its output: " + log + tail(log));
        }
        if (process.exitValue() != 0 || !Files.exists(resultFile)) {
            throw new RunFailedException(run.label() + " failed with exit code " + process.exitValue()
                    + "; its output (" + log + ") ends with:" + tail(log));
        }
        return json.readValue(resultFile.toFile(), RunResult.class);
    }

    private List<String> command(Path specFile, Path resultFile) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        for (String key : FORWARDED_PROPERTIES) {
            String value = System.getProperty(key);
            if (value != null) {
                command.add("-D" + key + "=" + value);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ChildMain.class.getName());
        command.add(specFile.toString());
        command.add(resultFile.toString());
        return command;
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return " (no output)";
        }
        List<String> lines = Files.readAllLines(log);
        return "\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    /** A forked run that did not produce a result. */
    public static final class RunFailedException extends IOException {
        RunFailedException(String message) {
            super(message);
        }
    }
}
