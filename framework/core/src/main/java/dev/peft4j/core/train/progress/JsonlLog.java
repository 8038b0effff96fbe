package dev.peft4j.core.train.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peft4j.core.train.RunPlan;
import dev.peft4j.core.train.TrainingResult;
import dev.peft4j.core.train.checkpoint.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine-readable run log {@code log.jsonl}: one JSON object per line, with an {@code event} of {@code start},
 * {@code step}, {@code eval} or {@code end} and the step it belongs to. Non-finite numbers are written as null.
 * A resumed run first drops the lines after its checkpoint's step, so the log reads as one uninterrupted run.
 */
public final class JsonlLog implements TrainingListener, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private BufferedWriter out;

    public JsonlLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    @Override
    public void onStart(RunPlan plan, long startStep) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            keepUpTo(startStep);
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open " + file + " for writing: " + e.getMessage(), e);
        }
        ObjectNode line = event("start", startStep);
        line.put("total_steps", plan.totalSteps());
        line.put("steps_per_epoch", plan.stepsPerEpoch());
        line.put("warmup_steps", plan.warmupSteps());
        line.put("rows", plan.rows());
        line.put("batch_size", plan.batchSize());
        line.put("gradient_accumulation_steps", plan.accumulationSteps());
        write(line);
    }

    @Override
    public void onStep(StepEvent e) {
        ObjectNode line = event("step", e.step());
        line.put("epoch", e.epoch());
        number(line, "loss", e.loss());
        number(line, "learning_rate", e.learningRate());
        number(line, "grad_norm", e.gradNorm());
        line.put("applied", e.applied());
        number(line, "loss_scale", e.lossScale());
        line.put("tokens", e.stepTokens());
        number(line, "seconds", e.stepSeconds());
        line.put("total_tokens", e.tokens());
        number(line, "training_seconds", e.trainingSeconds());
        write(line);
    }

    @Override
    public void onEvaluation(EvaluationEvent e) {
        ObjectNode line = event("eval", e.step());
        line.put("epoch", e.epoch());
        ObjectNode metrics = line.putObject("metrics");
        e.metrics().forEach((k, v) -> number(metrics, k, v));
        line.put("improved", e.improved());
        number(line, "seconds", e.seconds());
        write(line);
    }

    @Override
    public void onEnd(TrainingResult r) {
        ObjectNode line = event("end", r.steps());
        line.put("stopped_early", r.stoppedEarly());
        line.put("best_metric", r.bestMetric());
        if (r.bestValue() != null) {
            number(line, "best_value", r.bestValue());
            line.put("best_step", r.bestStep());
        }
        line.put("total_tokens", r.tokens());
        number(line, "training_seconds", r.trainingSeconds());
        number(line, "tokens_per_second", r.tokensPerSecond());
        write(line);
        close();
    }

    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("could not close " + file + ": " + e.getMessage(), e);
            } finally {
                out = null;
            }
        }
    }

    /** Reads every well-formed line of a log; a line cut short by a killed run is skipped. */
    public static List<JsonNode> read(Path file) {
        List<JsonNode> lines = new ArrayList<>();
        if (!Files.exists(file)) {
            return lines;
        }
        try {
            for (String s : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (s.isBlank()) {
                    continue;
                }
                try {
                    lines.add(JSON.readTree(s));
                } catch (IOException ignored) {
                    // the last line of a killed run may be incomplete
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
        return lines;
    }

    private void keepUpTo(long step) {
        if (!Files.exists(file)) {
            return;
        }
        StringBuilder kept = new StringBuilder();
        if (step > 0) {
            for (JsonNode line : read(file)) {
                if (line.path("step").asLong(Long.MAX_VALUE) <= step && !line.path("event").asText().equals("end")) {
                    kept.append(line).append('\n');
                }
            }
        }
        AtomicFiles.writeString(file, kept.toString());
    }

    private static ObjectNode event(String name, long step) {
        ObjectNode line = JSON.createObjectNode();
        line.put("event", name);
        line.put("step", step);
        line.put("time", java.time.Instant.now().toString());
        return line;
    }

    private static void number(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }

    private void write(ObjectNode line) {
        if (out == null) {
            throw new IllegalStateException("log " + file + " written before the run started");
        }
        try {
            out.write(JSON.writeValueAsString(line));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not append to " + file + ": " + e.getMessage(), e);
        }
    }
}
