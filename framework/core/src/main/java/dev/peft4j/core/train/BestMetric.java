package dev.peft4j.core.train;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** Follows the chosen evaluation metric: the best value so far, where it was reached, and the patience used up. */
public final class BestMetric {

    /**
     * What a checkpoint saves of the tracker.
     *
     * @param value null before the first evaluation
     */
    public record State(String metric, Double value, long step, int evaluationsWithoutImprovement) {
    }

    private final String metric;
    private final boolean greaterIsBetter;
    private Double best;
    private long bestStep = -1;
    private int withoutImprovement;

    public BestMetric(String metric, boolean greaterIsBetter) {
        this.metric = metric;
        this.greaterIsBetter = greaterIsBetter;
    }

    /**
     * Takes an evaluation's metrics.
     *
     * @return whether the chosen metric improved on the best so far
     */
    public boolean offer(Map<String, Double> metrics, long step) {
        Double value = metrics.get(metric);
        if (value == null) {
            throw new IllegalArgumentException("training.best-metric is '" + metric + "' but the evaluation reported only "
                    + metrics.keySet() + "; choose one of those or add the metric to evaluation.metrics");
        }
        boolean improved = !value.isNaN() && (best == null || (greaterIsBetter ? value > best : value < best));
        if (improved) {
            best = value;
            bestStep = step;
            withoutImprovement = 0;
        } else {
            withoutImprovement++;
        }
        return improved;
    }

    public String metric() {
        return metric;
    }

    public OptionalDouble best() {
        return best == null ? OptionalDouble.empty() : OptionalDouble.of(best);
    }

    /** The step of the best evaluation, if there was one. */
    public Optional<Long> bestStep() {
        return best == null ? Optional.empty() : Optional.of(bestStep);
    }

    public int evaluationsWithoutImprovement() {
        return withoutImprovement;
    }

    /** True when early stopping with this patience should end the run; a patience of 0 never does. */
    public boolean patienceExhausted(int patience) {
        return patience > 0 && withoutImprovement >= patience;
    }

    public State state() {
        return new State(metric, best, bestStep, withoutImprovement);
    }

    public void restore(State state, String source) {
        if (!metric.equals(state.metric())) {
            throw new IllegalArgumentException(source + " tracked best-metric '" + state.metric() + "' but this run tracks '"
                    + metric + "'; resume with the same training.best-metric or start a new run directory");
        }
        best = state.value();
        bestStep = state.step();
        withoutImprovement = state.evaluationsWithoutImprovement();
    }
}
