package dev.peft4j.core.train.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peft4j.core.train.RunPlan;
import dev.peft4j.core.train.TrainingResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private static final RunPlan PLAN = new RunPlan(80, 8, 1, 10, 10, 10, 1);

    private static StepEvent step(long n, double loss) {
        return new StepEvent(n, 10, 0, loss, 2e-5, 1.0, true, 1, 512, 0.5, 512 * n, 0.5 * n);
    }

    private static String run(boolean interactive) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), interactive, 4);
        bar.onStart(PLAN, 0);
        for (long n = 1; n <= 10; n++) {
            bar.onStep(step(n, n <= 4 ? 2.0 : 1.0));
            if (n == 5) {
                bar.onEvaluation(new EvaluationEvent(5, 0, Map.of("accuracy", 0.875), true, 0.1));
            }
        }
        bar.onEnd(new TrainingResult(10, false, "accuracy", 0.875, 5L, Map.of(), 5120, 5.0, null, false));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutATerminalPrintsALineEveryNStepsWithTheWindowMeanLoss() {
        String out = run(false);
        assertThat(out).doesNotContain("\r").doesNotContain("[====");
        assertThat(out.lines()).containsExactly(
                "training: 10 steps (10 per epoch), 80 rows, batch 8 x 1 accumulation",
                "step 4/10  40% | epoch 1 | loss 2.0000 | lr 2.00e-05 | 1,024 tok/s | ETA 3.0s",
                "eval at step 5 (epoch 1): accuracy 0.8750  (best so far)",
                "step 8/10  80% | epoch 1 | loss 1.0000 | lr 2.00e-05 | 1,024 tok/s | ETA 1.0s",
                "step 10/10 100% | epoch 1 | loss 1.0000 | lr 2.00e-05 | 1,024 tok/s | done",
                "training done: 10 steps in 5.0s, 1,024 tokens/s; best accuracy 0.8750 at step 5");
    }

    @Test
    void onATerminalRedrawsOneBarInPlace() {
        String out = run(true);
        assertThat(out).contains("\rstep 1/10 [==                      ]  10%")
                .contains("\rstep 10/10 [========================] 100%");
        // The evaluation and the end start on lines of their own.
        assertThat(out).contains("ETA 2.5s\neval at step 5").contains("done\ntraining done");
    }

    @Test
    void aSkippedStepIsShown() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 1);
        bar.onStep(new StepEvent(1, 10, 0, Double.NaN, 1e-3, Double.NaN, false, 65536, 10, 0.1, 10, 0.1));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("loss n/a").contains("skipped (non-finite gradients)");
    }
}
