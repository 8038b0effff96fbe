package dev.peft4j.core.train.progress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peft4j.core.train.RunPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlLogTest {

    private static final RunPlan PLAN = new RunPlan(80, 8, 1, 10, 10, 10, 1);

    @TempDir
    Path dir;

    private static StepEvent step(long n, double loss) {
        return new StepEvent(n, 10, 0, loss, 1e-3, 0.5, true, 1, 16, 0.01, 16 * n, 0.01 * n);
    }

    @Test
    void writesOneObjectPerEventWithNonFiniteNumbersAsNull() {
        Path file = dir.resolve("runs/x/log.jsonl");
        try (JsonlLog log = new JsonlLog(file)) {
            log.onStart(PLAN, 0);
            log.onStep(step(1, 0.7));
            log.onStep(new StepEvent(2, 10, 0, Double.NaN, 1e-3, Double.POSITIVE_INFINITY, false, 2, 16, 0.01, 32, 0.02));
            log.onEvaluation(new EvaluationEvent(2, 0, Map.of("accuracy", 0.5), true, 0.2));
        }
        List<JsonNode> lines = JsonlLog.read(file);
        assertThat(lines).extracting(l -> l.path("event").asText()).containsExactly("start", "step", "step", "eval");
        assertThat(lines.get(1).path("loss").asDouble()).isEqualTo(0.7);
        assertThat(lines.get(2).path("loss").isNull()).isTrue();
        assertThat(lines.get(2).path("grad_norm").isNull()).isTrue();
        assertThat(lines.get(2).path("applied").asBoolean()).isFalse();
        assertThat(lines.get(3).path("metrics").path("accuracy").asDouble()).isEqualTo(0.5);
        assertThat(lines.get(0).path("total_steps").asLong()).isEqualTo(10);
    }

    @Test
    void aResumedRunDropsWhatCameAfterItsCheckpointAndACutLine() throws Exception {
        Path file = dir.resolve("log.jsonl");
        try (JsonlLog log = new JsonlLog(file)) {
            log.onStart(PLAN, 0);
            for (int n = 1; n <= 6; n++) {
                log.onStep(step(n, 1.0 / n));
            }
        }
        Files.writeString(file, "{\"event\":\"step\",\"step\":7,\"lo", StandardOpenOption.APPEND);
        try (JsonlLog log = new JsonlLog(file)) {
            log.onStart(PLAN, 4);
            log.onStep(step(5, 0.9));
        }
        List<JsonNode> lines = JsonlLog.read(file);
        assertThat(lines).extracting(l -> l.path("event").asText() + l.path("step").asLong())
                .containsExactly("start0", "step1", "step2", "step3", "step4", "start4", "step5");
        assertThat(lines.get(6).path("loss").asDouble()).isEqualTo(0.9);
    }

    @Test
    void aFreshRunStartsAnEmptyLog() {
        Path file = dir.resolve("log.jsonl");
        try (JsonlLog log = new JsonlLog(file)) {
            log.onStart(PLAN, 0);
            log.onStep(step(1, 1));
        }
        try (JsonlLog log = new JsonlLog(file)) {
            log.onStart(PLAN, 0);
        }
        assertThat(JsonlLog.read(file)).hasSize(1);
    }
}
