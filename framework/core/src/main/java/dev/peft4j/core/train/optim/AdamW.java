package dev.peft4j.core.train.optim;

import dev.peft4j.core.model.Backprop;
import dev.peft4j.core.train.Feed;
import dev.peft4j.core.train.TrainableVariable;
import dev.peft4j.core.train.VariableValues;
import dev.peft4j.spi.FloatTensor;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * AdamW with decoupled weight decay, global-norm clipping, gradient accumulation and loss scaling, running on a
 * model's graph and session. One {@link #step} is one optimizer step over one or more micro-batches.
 */
public final class AdamW {

    private static final Logger LOG = LoggerFactory.getLogger(AdamW.class);

    private final Session session;
    private final OptimizerSpec spec;
    private final AdamWGraph ops;
    private final LossScaler lossScaler;
    private final VariableValues slotValues;
    private long appliedSteps;
    private Consumer<RunMetadata> nextStepTrace;

    /**
     * Adds the optimizer to the graph.
     *
     * @param accumulationSteps micro-batches per optimizer step; 1 builds a single fused gradient-and-update run
     */
    public AdamW(Graph graph, Session session, Operand<TFloat32> loss, List<TrainableVariable> variables,
                 OptimizerSpec spec, LossScaleSpec lossScaling, int accumulationSteps) {
        this(graph, Backprop.plain(graph), session, loss, variables, spec, lossScaling, accumulationSteps);
    }

    /**
     * With the model's own differentiation ({@link dev.peft4j.core.model.ModelGraph#backprop()}), which is block by
     * block under gradient checkpointing.
     */
    public AdamW(Graph graph, Backprop backprop, Session session, Operand<TFloat32> loss,
                 List<TrainableVariable> variables, OptimizerSpec spec, LossScaleSpec lossScaling,
                 int accumulationSteps) {
        if (accumulationSteps < 1) {
            throw new IllegalArgumentException("gradient accumulation steps must be at least 1, got " + accumulationSteps);
        }
        this.session = session;
        this.spec = spec;
        this.ops = new AdamWGraph(graph, backprop, loss, variables, spec, accumulationSteps > 1);
        this.lossScaler = new LossScaler(lossScaling);
        this.slotValues = new VariableValues(graph, session, "adamw_state", ops.slots);
    }

    /** Zeroes the moments and accumulators and the step count: a fresh optimizer. */
    public void initialize() {
        session.run(ops.initialize);
        appliedSteps = 0;
    }

    /**
     * Runs one optimizer step: forward and backward over each micro-batch, then the clipped AdamW update of the mean
     * gradient. Skipped as a whole (no variable, moment or step count changes) when a gradient is not finite.
     *
     * @param microBatches each feeds one micro-batch's inputs to a run
     * @param rate         the learning rate of this step
     */
    public StepResult step(List<? extends Consumer<Feed>> microBatches, double rate) {
        if (microBatches.isEmpty()) {
            throw new IllegalArgumentException("an optimizer step needs at least one micro-batch");
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("learning rate must be a finite number >= 0, got " + rate);
        }
        double scale = lossScaler.scale();
        StepResult result = ops.fusedStep != null && microBatches.size() == 1
                ? fused(microBatches.get(0), rate, scale)
                : accumulated(microBatches, rate, scale);
        if (result.applied()) {
            appliedSteps++;
        } else {
            LOG.warn("skipped optimizer step {}: gradients not finite at loss scale {}", appliedSteps + 1, scale);
        }
        lossScaler.update(result.applied());
        return result;
    }

    private StepResult fused(Consumer<Feed> feed, double rate, double scale) {
        try (Feed feeds = new Feed(session.runner())) {
            feed.accept(feeds);
            feedUpdate(feeds, rate, scale);
            feeds.put(ops.lossScale, scalar(scale)).runner().addTarget(ops.fusedStep)
                    .fetch(ops.loss).fetch(ops.gradNorm).fetch(ops.allFinite);
            Consumer<RunMetadata> trace = nextStepTrace;
            nextStepTrace = null;
            if (trace != null) {
                feeds.runner().setOptions(RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build());
            }
            try (Result r = trace != null ? feeds.runner().runAndFetchMetadata() : feeds.runner().run()) {
                if (trace != null) {
                    r.getMetadata().ifPresent(trace);
                }
                return new StepResult(floatOf(r.get(0)), floatOf(r.get(1)), ((TBool) r.get(2)).getBoolean(), scale);
            }
        }
    }

    private StepResult accumulated(List<? extends Consumer<Feed>> microBatches, double rate, double scale) {
        if (ops.accumulate == null) {
            throw new IllegalStateException("this optimizer was built without gradient accumulation but got "
                    + microBatches.size() + " micro-batches for one step");
        }
        double lossSum = 0;
        for (Consumer<Feed> feed : microBatches) {
            try (Feed feeds = new Feed(session.runner())) {
                feed.accept(feeds);
                feeds.put(ops.lossScale, scalar(scale)).runner()
                        .addTarget(ops.accumulate).fetch(ops.loss);
                try (Result r = feeds.runner().run()) {
                    lossSum += floatOf(r.get(0));
                }
            }
        }
        try (Feed feeds = new Feed(session.runner())) {
            feedUpdate(feeds, rate, scale * microBatches.size());
            feeds.runner().addTarget(ops.applyAccumulated).fetch(ops.gradNorm).fetch(ops.allFinite);
            try (Result r = feeds.runner().run()) {
                return new StepResult(lossSum / microBatches.size(), floatOf(r.get(0)),
                        ((TBool) r.get(1)).getBoolean(), scale);
            }
        }
    }

    private void feedUpdate(Feed feed, double rate, double divisor) {
        long t = appliedSteps + 1;
        double sqrtBiasCorrection2 = Math.sqrt(1 - Math.pow(spec.beta2(), t));
        feed.put(ops.learningRate, scalar(rate))
                .put(ops.stepSize, scalar(rate * sqrtBiasCorrection2 / (1 - Math.pow(spec.beta1(), t))))
                .put(ops.correctedEpsilon, scalar(spec.epsilon() * sqrtBiasCorrection2))
                .put(ops.gradientDivisor, scalar(divisor))
                .put(ops.maxGradNorm, scalar(spec.clipping() ? spec.maxGradNorm() : Double.POSITIVE_INFINITY));
    }

    private static TFloat32 scalar(double value) {
        return TFloat32.scalarOf((float) value);
    }

    /**
     * Runs the next single-micro-batch step with TensorFlow's full trace and hands its metadata (per-op times and
     * memory) to {@code sink}: for profiling; a traced step is slower than an untraced one.
     */
    public void traceNextStep(Consumer<RunMetadata> sink) {
        this.nextStepTrace = sink;
    }

    /** Optimizer steps applied so far (skipped steps do not count): the t of Adam's bias correction. */
    public long appliedSteps() {
        return appliedSteps;
    }

    public LossScaler lossScaler() {
        return lossScaler;
    }

    /** The Adam moments, keyed {@code <variable>/adam_m} and {@code <variable>/adam_v}. */
    public Map<String, FloatTensor> readMoments() {
        return slotValues.read();
    }

    /** Restores a saved optimizer: its moments, step count and loss scale. */
    public void restore(Map<String, FloatTensor> moments, long savedAppliedSteps, double savedScale,
                        long savedFiniteSteps, String source) {
        if (savedAppliedSteps < 0) {
            throw new IllegalArgumentException(source + " holds a negative optimizer step count " + savedAppliedSteps);
        }
        session.run(ops.initialize);
        slotValues.write(moments, source);
        appliedSteps = savedAppliedSteps;
        lossScaler.restore(savedScale, savedFiniteSteps);
    }

    private static double floatOf(Tensor t) {
        return ((TFloat32) t).getFloat();
    }
}
