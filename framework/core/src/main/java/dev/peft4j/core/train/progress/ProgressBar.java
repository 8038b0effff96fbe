package dev.peft4j.core.train.progress;

import dev.peft4j.core.train.RunPlan;
import dev.peft4j.core.train.TrainingResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Training progress for people: on a terminal, one bar redrawn in place (steps, loss, learning rate, tokens/s, ETA);
 * elsewhere (a log file, CI) the same figures as a plain line every N steps.
 */
public final class ProgressBar implements TrainingListener {

    private static final int WIDTH = 24;

    private final PrintStream out;
    private final boolean interactive;
    private final long logEvery;
    private long sessionSteps;
    private long sessionTokens;
    private double sessionSeconds;
    private double windowLoss;
    private int windowSteps;
    private boolean barShown;

    /**
     * @param interactive redraw a bar in place (a terminal) instead of printing lines
     * @param logEvery    steps between lines when not interactive
     */
    public ProgressBar(PrintStream out, boolean interactive, long logEvery) {
        this.out = out;
        this.interactive = interactive;
        this.logEvery = logEvery;
    }

    /** Progress on standard output, as a bar when it is a terminal. */
    public static ProgressBar onConsole(long logEvery) {
        return new ProgressBar(System.out, System.console() != null, logEvery);
    }

    @Override
    public void onStart(RunPlan plan, long startStep) {
        String resumed = startStep > 0 ? ", resuming after step " + startStep : "";
        out.printf(Locale.ROOT, "training: %d steps (%d per epoch), %d rows, batch %d x %d accumulation%s%n",
                plan.totalSteps(), plan.stepsPerEpoch(), plan.rows(), plan.batchSize(), plan.accumulationSteps(), resumed);
    }

    @Override
    public void onStep(StepEvent e) {
        sessionSteps++;
        sessionTokens += e.stepTokens();
        sessionSeconds += e.stepSeconds();
        if (Double.isFinite(e.loss())) {
            windowLoss += e.loss();
            windowSteps++;
        }
        boolean last = e.step() == e.totalSteps();
        boolean endOfWindow = e.step() % logEvery == 0 || last;
        if (interactive) {
            out.print("\r" + line(e, last));
            out.flush();
            barShown = true;
            if (last) {
                endBar();
            }
        } else if (endOfWindow) {
            out.println(line(e, last));
        }
        if (endOfWindow) {
            // the loss shown is the mean over the steps since the last window closed
            windowLoss = 0;
            windowSteps = 0;
        }
    }

    @Override
    public void onEvaluation(EvaluationEvent e) {
        endBar();
        String metrics = e.metrics().entrySet().stream().map(ProgressBar::metric).collect(Collectors.joining(", "));
        out.printf(Locale.ROOT, "eval at step %d (epoch %d): %s%s%n", e.step(), e.epoch() + 1, metrics,
                e.improved() ? "  (best so far)" : "");
    }

    @Override
    public void onEnd(TrainingResult r) {
        endBar();
        String best = r.bestValue() == null ? ""
                : String.format(Locale.ROOT, "; best %s %.4f at step %d", r.bestMetric(), r.bestValue(), r.bestStep());
        out.printf(Locale.ROOT, "training done: %d steps%s in %s, %s tokens/s%s%n", r.steps(),
                r.stoppedEarly() ? " (stopped early)" : "", duration(r.trainingSeconds()),
                thousands(r.tokensPerSecond()), best);
    }

    String line(StepEvent e, boolean last) {
        double fraction = (double) e.step() / e.totalSteps();
        String loss = windowSteps > 0 ? String.format(Locale.ROOT, "%.4f", windowLoss / windowSteps) : "n/a";
        double tokensPerSecond = sessionSeconds > 0 ? sessionTokens / sessionSeconds : 0;
        double secondsPerStep = sessionSteps > 0 ? sessionSeconds / sessionSteps : 0;
        String eta = last ? "done" : "ETA " + duration(secondsPerStep * (e.totalSteps() - e.step()));
        String skipped = e.applied() ? "" : " | skipped (non-finite gradients)";
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "step %d/%d ", e.step(), e.totalSteps()));
        if (interactive) {
            int filled = (int) Math.round(fraction * WIDTH);
            s.append('[').append("=".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ");
        }
        s.append(String.format(Locale.ROOT, "%3.0f%% | epoch %d | loss %s | lr %.2e | %s tok/s | %s%s",
                fraction * 100, e.epoch() + 1, loss, e.learningRate(), thousands(tokensPerSecond), eta, skipped));
        return s.toString();
    }

    private void endBar() {
        if (barShown) {
            out.println();
            out.flush();
            barShown = false;
        }
    }

    private static String metric(Map.Entry<String, Double> m) {
        return String.format(Locale.ROOT, "%s %.4f", m.getKey(), m.getValue());
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        Duration d = Duration.ofMillis(Math.round(seconds * 1000));
        if (d.toHours() > 0) {
            return String.format(Locale.ROOT, "%dh%02dm", d.toHours(), d.toMinutesPart());
        }
        if (d.toMinutes() > 0) {
            return String.format(Locale.ROOT, "%dm%02ds", d.toMinutes(), d.toSecondsPart());
        }
        return String.format(Locale.ROOT, "%.1fs", seconds);
    }

    private static String thousands(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }
}
