package dev.peft4j.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peft4j.core.eval.Evaluator;
import dev.peft4j.core.train.checkpoint.Checkpointer;
import dev.peft4j.core.train.fixtures.AccuracyMetric;
import dev.peft4j.core.train.fixtures.ArrayBatch;
import dev.peft4j.core.train.fixtures.Blobs;
import dev.peft4j.core.train.fixtures.MlpClassifier;
import dev.peft4j.core.train.fixtures.TestOptions;
import dev.peft4j.core.train.progress.EvaluationEvent;
import dev.peft4j.core.train.progress.JsonlLog;
import dev.peft4j.core.train.progress.StepEvent;
import dev.peft4j.core.train.progress.TrainingListener;
import dev.peft4j.spi.FloatTensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

    private static final List<String> CLASSES = List.of("east", "north-west", "south-west");
    private static final Blobs TRAIN = new Blobs(128, 3, 0.6, 1);
    private static final Blobs VALID = new Blobs(60, 3, 0.6, 2);

    @TempDir
    Path dir;

    record Run(TrainingResult result, Map<String, FloatTensor> weights, List<StepEvent> steps,
               List<EvaluationEvent> evaluations) {
        List<Double> losses() {
            return steps.stream().map(StepEvent::loss).toList();
        }
    }

    static final class Recorder implements TrainingListener {
        final List<StepEvent> steps = new ArrayList<>();
        final List<EvaluationEvent> evaluations = new ArrayList<>();

        @Override
        public void onStep(StepEvent event) {
            steps.add(event);
        }

        @Override
        public void onEvaluation(EvaluationEvent event) {
            evaluations.add(event);
        }
    }

    private Run run(TestOptions o, Path runDir, Validation scripted, TrainingListener... extra) {
        Recorder recorder = new Recorder();
        JsonlLog log = new JsonlLog(runDir.resolve("log.jsonl"));
        try (MlpClassifier model = new MlpClassifier(CLASSES, 16, 0.1f, 11)) {
            Validation validation = scripted != null ? scripted
                    : new Evaluator<>(model, 32).validation(VALID, List.of(new AccuracyMetric()));
            Trainer.Builder<ArrayBatch> builder = Trainer.builder(model, TRAIN).options(o.build())
                    .optimizer(TestOptions.OPTIMIZER).lossScaling(TestOptions.NO_SCALING).schedule(TestOptions.LINEAR)
                    .validation(validation).runDirectory(runDir).listener(log).listener(recorder);
            for (TrainingListener l : extra) {
                builder.listener(l);
            }
            TrainingResult result = builder.build().train();
            return new Run(result, model.weights(), recorder.steps, recorder.evaluations);
        } finally {
            log.close();
        }
    }

    private Run run(TestOptions o, Path runDir) {
        return run(o, runDir, null);
    }

    @Test
    void learnsSeparableBlobsAndKeepsTheBestValidationAccuracy() {
        TestOptions o = new TestOptions();
        o.epochs = 3;
        Run run = run(o, dir);
        assertThat(run.steps()).hasSize(48);
        assertThat(run.result().bestMetric()).isEqualTo("accuracy");
        assertThat(run.result().bestValue()).isGreaterThan(0.9);
        assertThat(run.evaluations().get(run.evaluations().size() - 1).metrics()).containsKeys("loss", "accuracy");
        double firstLoss = run.losses().subList(0, 4).stream().mapToDouble(d -> d).average().orElseThrow();
        double lastLoss = run.losses().subList(44, 48).stream().mapToDouble(d -> d).average().orElseThrow();
        assertThat(lastLoss).isLessThan(firstLoss / 2);
        assertThat(run.result().tokens()).isEqualTo(3L * 128 * 2);
        assertThat(run.result().bestCheckpoint()).isDirectory();
    }

    @Test
    void sameSeedGivesIdenticalLossesAndWeightsAndAnotherSeedDoesNot() {
        TestOptions o = new TestOptions();
        Run first = run(o, dir.resolve("a"));
        Run second = run(o, dir.resolve("b"));
        assertThat(second.losses()).isEqualTo(first.losses());
        second.weights().forEach((name, w) -> assertThat(w).isEqualTo(first.weights().get(name)));

        o.seed = 8;
        Run other = run(o, dir.resolve("c"));
        assertThat(other.losses()).isNotEqualTo(first.losses());
    }

    @Test
    void aRunKilledMidTrainingResumesToExactlyTheSameWeightsAndMetrics() {
        TestOptions o = new TestOptions();
        o.accumulationSteps = 2;
        o.evalEverySteps = 3;
        Run uninterrupted = run(o, dir.resolve("whole"));
        assertThat(uninterrupted.steps()).hasSize(16);

        Path runDir = dir.resolve("killed");
        TrainingListener killer = new TrainingListener() {
            @Override
            public void onStep(StepEvent event) {
                if (event.step() == 11) {
                    throw new IllegalStateException("killed at step 11");
                }
            }
        };
        assertThatThrownBy(() -> run(o, runDir, null, killer)).hasMessageContaining("killed at step 11");
        // Checkpoints came with the evaluations at steps 3, 6, 8 (epoch end) and 9: resume continues after step 9.
        assertThat(Checkpointer.load(new Checkpointer(runDir.resolve("checkpoints")).latestDirectory().orElseThrow())
                .state().step()).isEqualTo(9);

        o.resume = true;
        Run resumed = run(o, runDir);

        assertThat(resumed.steps()).extracting(StepEvent::step).containsExactly(10L, 11L, 12L, 13L, 14L, 15L, 16L);
        assertThat(resumed.losses()).isEqualTo(uninterrupted.losses().subList(9, 16));
        resumed.weights().forEach((name, w) -> assertThat(w).as(name).isEqualTo(uninterrupted.weights().get(name)));
        assertThat(resumed.result().lastEvaluation()).isEqualTo(uninterrupted.result().lastEvaluation());
        assertThat(resumed.result().bestValue()).isEqualTo(uninterrupted.result().bestValue());
        assertThat(resumed.result().bestStep()).isEqualTo(uninterrupted.result().bestStep());
        assertThat(resumed.result().tokens()).isEqualTo(uninterrupted.result().tokens());

        // The log reads as one uninterrupted run: one line per step, the killed run's steps 10 and 11 replaced.
        List<JsonNode> steps = JsonlLog.read(runDir.resolve("log.jsonl")).stream()
                .filter(l -> l.path("event").asText().equals("step")).toList();
        assertThat(steps).extracting(l -> l.path("step").asLong())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L);
        List<JsonNode> wholeSteps = JsonlLog.read(dir.resolve("whole/log.jsonl")).stream()
                .filter(l -> l.path("event").asText().equals("step")).toList();
        for (int i = 0; i < 16; i++) {
            assertThat(steps.get(i).path("loss").asDouble()).isEqualTo(wholeSteps.get(i).path("loss").asDouble());
        }
    }

    @Test
    void everyEpochVisitsEveryRowOnceInAFreshOrder() {
        List<int[]> seen = new ArrayList<>();
        BatchSource<ArrayBatch> recording = new BatchSource<>() {
            @Override
            public int size() {
                return TRAIN.size();
            }

            @Override
            public ArrayBatch batch(int[] rows) {
                seen.add(rows.clone());
                return TRAIN.batch(rows);
            }
        };
        TestOptions o = new TestOptions();
        o.epochs = 2;
        o.batchSize = 10; // 13 micro-batches, the last of 8 rows
        try (MlpClassifier model = new MlpClassifier(CLASSES, 16, 0.1f, 11)) {
            Trainer.builder(model, recording).options(o.build()).optimizer(TestOptions.OPTIMIZER)
                    .lossScaling(TestOptions.NO_SCALING).schedule(TestOptions.LINEAR).runDirectory(dir).build().train();
        }
        assertThat(seen).hasSize(26);
        int[] first = seen.subList(0, 13).stream().flatMapToInt(java.util.Arrays::stream).toArray();
        int[] second = seen.subList(13, 26).stream().flatMapToInt(java.util.Arrays::stream).toArray();
        assertThat(first).hasSize(128).doesNotHaveDuplicates();
        assertThat(second).hasSize(128).doesNotHaveDuplicates();
        assertThat(second).isNotEqualTo(first);
        assertThat(seen.get(12)).hasSize(8);
    }

    @Test
    void evaluatesEveryNStepsAtEpochEndsAndAtTheLastStep() {
        TestOptions o = new TestOptions();
        o.evalEverySteps = 6;
        o.maxSteps = 20; // 16 steps per epoch: ends inside the second epoch
        Run run = run(o, dir);
        assertThat(run.steps()).hasSize(20);
        assertThat(run.evaluations()).extracting(EvaluationEvent::step).containsExactly(6L, 12L, 16L, 18L, 20L);
        assertThat(run.evaluations()).extracting(EvaluationEvent::epoch).containsExactly(0, 0, 0, 1, 1);
        assertThat(run.steps().get(16).epoch()).isEqualTo(1);
    }

    @Test
    void accumulationTakesOneOptimizerStepPerNMicroBatches() {
        TestOptions o = new TestOptions();
        o.accumulationSteps = 3;
        o.epochs = 2;
        Run run = run(o, dir);
        // 16 micro-batches per epoch in groups of 3: 6 steps, the last of one micro-batch.
        assertThat(run.steps()).hasSize(12);
        assertThat(run.steps().get(0).stepTokens()).isEqualTo(3 * 8 * 2);
        assertThat(run.steps().get(5).stepTokens()).isEqualTo(8 * 2);
        assertThat(run.evaluations()).extracting(EvaluationEvent::step).containsExactly(6L, 12L);
    }

    @Test
    void earlyStoppingEndsTheRunAfterPatienceEvaluationsWithoutImprovement() {
        TestOptions o = new TestOptions();
        o.evalEverySteps = 2;
        o.patience = 2;
        Iterator<Double> scripted = List.of(0.5, 0.8, 0.7, 0.8, 0.9).iterator();
        Run run = run(o, dir, () -> Map.of("accuracy", scripted.next()));
        assertThat(run.result().stoppedEarly()).isTrue();
        assertThat(run.steps()).hasSize(8);
        assertThat(run.result().bestValue()).isEqualTo(0.8);
        assertThat(run.result().bestStep()).isEqualTo(4);
    }

    @Test
    void loadBestAtEndPutsTheBestCheckpointsWeightsBack() {
        TestOptions o = new TestOptions();
        o.evalEverySteps = 4;
        o.loadBestAtEnd = true;
        Iterator<Double> scripted = List.of(0.2, 0.4, 0.9, 0.5, 0.3, 0.3, 0.3, 0.3, 0.3).iterator();
        Run run = run(o, dir, () -> Map.of("accuracy", scripted.next(), "loss", 1.0));
        assertThat(run.result().bestStep()).isEqualTo(12);
        assertThat(run.result().restoredBest()).isTrue();
        Checkpointer checkpoints = new Checkpointer(dir.resolve("checkpoints"));
        Map<String, FloatTensor> best = checkpoints.bestWeights().orElseThrow();
        Map<String, FloatTensor> last = Checkpointer.load(checkpoints.latestDirectory().orElseThrow()).weights();
        assertThat(Checkpointer.load(checkpoints.bestDirectory().orElseThrow()).state().step()).isEqualTo(12);
        run.weights().forEach((name, w) -> assertThat(w).isEqualTo(best.get(name)));
        assertThat(run.weights().get("mlp.w1")).isNotEqualTo(last.get("mlp.w1"));
    }

    @Test
    void lessIsBetterPicksTheLowestLoss() {
        TestOptions o = new TestOptions();
        o.evalEverySteps = 8;
        o.bestMetric = "loss";
        o.greaterIsBetter = false;
        Iterator<Double> scripted = List.of(0.9, 0.4, 0.6, 0.5).iterator();
        Run run = run(o, dir, () -> Map.of("loss", scripted.next()));
        assertThat(run.result().bestValue()).isEqualTo(0.4);
        assertThat(run.result().bestStep()).isEqualTo(16);
    }

    @Test
    void aMissingBestMetricNamesTheMetricsThatExist() {
        TestOptions o = new TestOptions();
        o.bestMetric = "f1-macro";
        assertThatThrownBy(() -> run(o, dir)).hasMessageContaining("f1-macro")
                .hasMessageContaining("accuracy").hasMessageContaining("evaluation.metrics");
    }

    @Test
    void aFreshRunRefusesARunDirectoryThatHoldsCheckpoints() {
        TestOptions o = new TestOptions();
        o.maxSteps = 2;
        run(o, dir);
        assertThatThrownBy(() -> run(o, dir)).hasMessageContaining("training.resume");
    }

    @Test
    void resumeRefusesARunPlannedDifferently() {
        TestOptions o = new TestOptions();
        o.maxSteps = 4;
        run(o, dir);
        o.resume = true;
        o.batchSize = 16;
        assertThatThrownBy(() -> run(o, dir)).hasMessageContaining("cannot resume")
                .hasMessageContaining("batchSize=8").hasMessageContaining("batchSize=16");
    }

    @Test
    void resumingAFinishedRunTrainsNoMore() {
        TestOptions o = new TestOptions();
        o.maxSteps = 4;
        Run first = run(o, dir);
        o.resume = true;
        Run again = run(o, dir);
        assertThat(again.steps()).isEmpty();
        assertThat(again.result().lastEvaluation()).isEqualTo(first.result().lastEvaluation()).isNotEmpty();
        again.weights().forEach((name, w) -> assertThat(w).isEqualTo(first.weights().get(name)));
    }
}
