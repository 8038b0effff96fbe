package dev.peft4j.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.peft4j.bench.measure.FlopModel;
import dev.peft4j.bench.model.AdamSettings;
import dev.peft4j.bench.model.GptShape;
import dev.peft4j.bench.model.Task;
import dev.peft4j.bench.run.RunResult;
import dev.peft4j.bench.run.RunSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummariesTest {

    private final GptShape shape = GptShape.gpt2Small(2, 8, 128);

    private RunResult workload(String variant, String backend, double[] seconds, float[] losses, long rss) {
        RunSpec spec = new RunSpec(variant, backend, Task.LORA_TRAIN, shape, AdamSettings.defaults(), 1,
                seconds.length, 2, 42, 2, 1, 4096, 3);
        return new RunResult(spec, backend, 1.0, 2.0, seconds, losses, new long[0], new double[0], rss, rss / 2,
                rss / 2, 1, 3);
    }

    private RunResult matmul(String variant, String backend, double... seconds) {
        RunSpec spec = new RunSpec(variant, backend, null, null, null, 1, 1, 2, 42, 2, 1, 1000, seconds.length);
        return new RunResult(spec, backend, 0, 0, new double[0], new float[0], new long[0], seconds, 1, 1, 1, 1, 1);
    }

    @Test
    void roundsArePooledAndComparedToTheTensorFlowPeak() {
        List<RunResult> results = List.of(
                matmul("peft4j", "peft4j", 0.01, 0.02),
                workload("peft4j", "peft4j", new double[] {1.0, 3.0}, new float[] {10f, 9f}, 100),
                workload("peft4j", "peft4j", new double[] {2.0}, new float[] {10f, 9f}, 300));
        List<MatmulSummary> peaks = Summaries.matmul(results, List.of("peft4j"));
        assertThat(peaks.get(0).gflops().max()).isCloseTo(200, within(1e-9));
        Double peak = Summaries.peakGflops(peaks);
        WorkloadSummary w = Summaries.workloads(results, List.of(Task.LORA_TRAIN), List.of("peft4j"), peak).get(0);
        assertThat(w.runs()).isEqualTo(2);
        assertThat(w.stepSeconds().median()).isEqualTo(2.0);
        assertThat(w.tokensPerSecond().median()).isEqualTo(512.0);
        double gflop = FlopModel.perStep(shape, Task.LORA_TRAIN) / 1e9;
        assertThat(w.achievedGflops()).isCloseTo(gflop / 2, within(1e-9));
        assertThat(w.fractionOfPeak()).isCloseTo(gflop / 2 / peak, within(1e-12));
        assertThat(w.peakResidentBytes()).isEqualTo(300);
        assertThat(w.setupPeakResidentBytes()).isEqualTo(150);
        assertThat(w.timeToFirstStepSeconds()).isEqualTo(3.0);
        assertThat(w.maxRelativeLossDifference()).isNull();
    }

    @Test
    void laterEnginesAreJudgedAgainstTheFirstOnesLossCurve() {
        List<RunResult> results = List.of(
                workload("peft4j", "peft4j", new double[] {1.0}, new float[] {10f, 9f}, 1),
                workload("torch-stock", "torch", new double[] {2.0}, new float[] {10f, 9.0001f}, 1),
                workload("torch-tuned", "torch", new double[] {2.0}, new float[] {10f, 9.01f}, 1));
        List<WorkloadSummary> all = Summaries.workloads(results, List.of(Task.LORA_TRAIN),
                List.of("peft4j", "torch-stock", "torch-tuned"), null);
        assertThat(all.get(1).referenceVariant()).isEqualTo("peft4j");
        assertThat(Parity.agrees(all.get(1).maxRelativeLossDifference())).isTrue();
        assertThat(Parity.agrees(all.get(2).maxRelativeLossDifference())).isFalse();
        assertThat(all.get(2).fractionOfPeak()).isNull();
    }
}
