package dev.peft4j.core.train;

import dev.peft4j.core.train.checkpoint.Checkpoint;
import dev.peft4j.core.train.checkpoint.Checkpointer;
import dev.peft4j.core.train.checkpoint.TrainerState;
import dev.peft4j.core.train.optim.AdamW;
import dev.peft4j.core.train.optim.LossScaleSpec;
import dev.peft4j.core.train.optim.OptimizerSpec;
import dev.peft4j.core.train.optim.StepResult;
import dev.peft4j.core.train.progress.EvaluationEvent;
import dev.peft4j.core.train.progress.StepEvent;
import dev.peft4j.core.train.progress.TrainingListener;
import dev.peft4j.spi.FloatTensor;
import dev.peft4j.spi.schedule.LrSchedule;
import dev.peft4j.spi.schedule.TrainingHorizon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The training loop: seeded epochs of micro-batches, one AdamW step per {@code accumulationSteps} micro-batches, the
 * learning rate from the schedule, evaluation every N steps and at epoch ends, the best checkpoint kept, early
 * stopping, and exact resumption from the latest checkpoint.
 *
 * <p>Checkpoints are taken only between optimizer steps (accumulators empty) and hold the trainable weights, the Adam
 * moments and {@link TrainerState}; the run directory gets {@code checkpoints/} (see {@link Checkpointer}).
 */
public final class Trainer<B extends Batch> {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final TrainableModel<B> model;
    private final BatchSource<B> trainData;
    private final TrainerOptions options;
    private final LrSchedule schedule;
    private final Validation validation;
    private final List<TrainingListener> listeners;
    private final AdamW optimizer;
    private final VariableValues weights;
    private final Checkpointer checkpoints;
    private final RunPlan plan;
    private final TrainingHorizon horizon;
    private final DataOrder order;
    private final BestMetric best;

    private long step;
    private int epoch;
    private int microBatch;
    private long tokens;
    private double trainingSeconds;
    private boolean stoppedEarly;
    private Map<String, Double> lastEvaluation = Map.of();
    private boolean trained;

    private Trainer(Builder<B> b) {
        this.model = b.model;
        this.trainData = b.trainData;
        this.options = Objects.requireNonNull(b.options, "options");
        this.schedule = Objects.requireNonNull(b.schedule, "schedule");
        this.validation = b.validation;
        this.listeners = List.copyOf(b.listeners);
        if (validation == null && options.loadBestAtEnd()) {
            throw new IllegalArgumentException("training.load-best-at-end is true but there is no validation data to "
                    + "pick the best checkpoint; give validation rows or set it to false");
        }
        if (validation == null && options.earlyStoppingPatience() > 0) {
            throw new IllegalArgumentException("training.early-stopping-patience is " + options.earlyStoppingPatience()
                    + " but there is no validation data to watch; give validation rows or set it to 0");
        }
        this.plan = RunPlan.of(trainData.size(), options);
        this.horizon = new TrainingHorizon(options.learningRate(), plan.warmupSteps(), plan.totalSteps());
        this.order = new DataOrder(options.seed(), plan.rows(), options.batchSize());
        this.best = new BestMetric(options.bestMetric(), options.greaterIsBetter());
        List<TrainableVariable> variables = model.trainableVariables();
        Map<String, Variable<TFloat32>> byName = new LinkedHashMap<>();
        for (TrainableVariable v : variables) {
            if (byName.put(v.name(), v.variable()) != null) {
                throw new IllegalArgumentException("two trainable variables are named '" + v.name() + "'; names must be unique");
            }
        }
        this.optimizer = new AdamW(model.graph(), model.backprop(), model.session(), model.loss(), variables,
                Objects.requireNonNull(b.optimizerSpec, "optimizerSpec"),
                Objects.requireNonNull(b.lossScaling, "lossScaling"), options.accumulationSteps());
        this.weights = new VariableValues(model.graph(), model.session(), "trainer_weights", byName);
        this.checkpoints = new Checkpointer(Objects.requireNonNull(b.runDirectory, "runDirectory").resolve("checkpoints"));
    }

    public static <B extends Batch> Builder<B> builder(TrainableModel<B> model, BatchSource<B> trainData) {
        return new Builder<>(model, trainData);
    }

    public RunPlan plan() {
        return plan;
    }

    public Checkpointer checkpoints() {
        return checkpoints;
    }

    /** Runs (or resumes) training to its end. A trainer runs once. */
    public TrainingResult train() {
        if (trained) {
            throw new IllegalStateException("this trainer has already run; build a new one for another run");
        }
        trained = true;
        start();
        listeners.forEach(l -> l.onStart(plan, step));
        while (!finished()) {
            int[][] batches = epochBatches(epoch);
            boolean epochEnd = false;
            while (!epochEnd && !finished()) {
                int to = Math.min(microBatch + options.accumulationSteps(), batches.length);
                runStep(batches, to);
                epochEnd = microBatch == batches.length;
                if (epochEnd) {
                    epoch++;
                    microBatch = 0;
                }
                afterStep(epochEnd);
            }
        }
        TrainingResult result = finish();
        listeners.forEach(l -> l.onEnd(result));
        return result;
    }

    /** The source's own plan when it has one (checked against the run plan), else the trainer's shuffle. */
    private int[][] epochBatches(int epochIndex) {
        Optional<int[][]> own = trainData.epochPlan(epochIndex, options.batchSize());
        if (own.isEmpty()) {
            return order.microBatches(epochIndex);
        }
        int[][] batches = own.get();
        if (batches.length != plan.microBatchesPerEpoch()) {
            throw new IllegalStateException("the training data planned " + batches.length + " micro-batches for epoch "
                    + epochIndex + " but the run plans " + plan.microBatchesPerEpoch() + " (" + plan.rows()
                    + " rows in batches of " + options.batchSize() + ")");
        }
        return batches;
    }

    private boolean finished() {
        return step >= plan.totalSteps() || stoppedEarly;
    }

    private void start() {
        Optional<Checkpoint> resume = options.resume() ? checkpoints.latest() : Optional.empty();
        if (resume.isEmpty()) {
            if (!options.resume() && checkpoints.latestDirectory().isPresent()) {
                throw new IllegalStateException("the run directory already holds checkpoints in " + checkpoints.directory()
                        + "; set training.resume = true to continue that run, or choose a new run directory");
            }
            if (options.resume()) {
                LOG.info("training.resume is set but {} holds no checkpoint: starting a fresh run", checkpoints.directory());
            }
            optimizer.initialize();
            return;
        }
        Checkpoint c = resume.get();
        TrainerState s = c.state();
        String source = checkpoints.latestDirectory().orElseThrow().toString();
        if (!s.plan().equals(plan)) {
            throw new IllegalStateException("cannot resume from " + source + ": it was trained with " + s.plan()
                    + " but this run plans " + plan + "; resume with the same data and training settings");
        }
        if (s.seed() != options.seed()) {
            throw new IllegalStateException("cannot resume from " + source + ": it was trained with seed " + s.seed()
                    + " but training.seed is " + options.seed());
        }
        weights.write(c.weights(), source);
        optimizer.restore(c.optimizerState(), s.optimizerSteps(), s.lossScale(), s.lossScaleFiniteSteps(), source);
        best.restore(s.best(), source);
        step = s.step();
        epoch = s.epoch();
        microBatch = s.microBatch();
        tokens = s.tokens();
        trainingSeconds = s.trainingSeconds();
        lastEvaluation = s.lastEvaluation() == null ? Map.of() : s.lastEvaluation();
        LOG.info("resuming after step {} of {} from {}", step, plan.totalSteps(), source);
        // A run that early stopping ended stays ended, unless it is resumed with more patience.
        stoppedEarly = best.patienceExhausted(options.earlyStoppingPatience()) && step < plan.totalSteps();
    }

    private void runStep(int[][] batches, int to) {
        List<Consumer<Feed>> feeds = new ArrayList<>();
        long stepTokens = 0;
        for (int i = microBatch; i < to; i++) {
            B batch = trainData.batch(batches[i]);
            stepTokens += batch.tokenCount();
            ForwardMode mode = ForwardMode.training(order.dropoutSeed(step, i - microBatch));
            feeds.add(feed -> model.feed(feed, batch, mode));
        }
        double rate = schedule.rate(step, horizon);
        long started = System.nanoTime();
        StepResult r = optimizer.step(feeds, rate);
        double seconds = (System.nanoTime() - started) / 1e9;
        step++;
        microBatch = to;
        tokens += stepTokens;
        trainingSeconds += seconds;
        StepEvent event = new StepEvent(step, plan.totalSteps(), epoch, r.loss(), rate,
                r.gradNorm(), r.applied(), r.lossScale(), stepTokens, seconds, tokens, trainingSeconds);
        listeners.forEach(l -> l.onStep(event));
    }

    private void afterStep(boolean epochEnd) {
        boolean last = step >= plan.totalSteps();
        boolean evaluate = validation != null
                && (epochEnd || last || options.evalEverySteps() > 0 && step % options.evalEverySteps() == 0);
        boolean improved = false;
        if (evaluate) {
            long started = System.nanoTime();
            lastEvaluation = validation.evaluate();
            improved = best.offer(lastEvaluation, step);
            stoppedEarly = best.patienceExhausted(options.earlyStoppingPatience()) && !last;
            EvaluationEvent event = new EvaluationEvent(step, epochEnd ? epoch - 1 : epoch, lastEvaluation, improved,
                    (System.nanoTime() - started) / 1e9);
            listeners.forEach(l -> l.onEvaluation(event));
        }
        if (evaluate || epochEnd || last || stoppedEarly
                || options.saveEverySteps() > 0 && step % options.saveEverySteps() == 0) {
            checkpoints.save(new Checkpoint(weights.read(), optimizer.readMoments(), state()), improved);
        }
    }

    private TrainerState state() {
        return new TrainerState(TrainerState.FORMAT, step, epoch, microBatch, optimizer.appliedSteps(),
                optimizer.lossScaler().scale(), optimizer.lossScaler().finiteSteps(), options.seed(), plan, best.state(),
                tokens, trainingSeconds, lastEvaluation);
    }

    private TrainingResult finish() {
        boolean restored = false;
        if (options.loadBestAtEnd()) {
            Optional<Map<String, FloatTensor>> bestWeights = checkpoints.bestWeights();
            if (bestWeights.isPresent()) {
                weights.write(bestWeights.get(), checkpoints.bestDirectory().orElseThrow().toString());
                restored = true;
            }
        }
        Path bestDir = checkpoints.bestDirectory().filter(Files::isDirectory).orElse(null);
        return new TrainingResult(step, stoppedEarly, best.metric(),
                best.best().isPresent() ? best.best().getAsDouble() : null, best.bestStep().orElse(null),
                lastEvaluation, tokens, trainingSeconds, bestDir, restored);
    }

    /** Assembles a trainer; every part but validation and listeners is required. */
    public static final class Builder<B extends Batch> {
        private final TrainableModel<B> model;
        private final BatchSource<B> trainData;
        private TrainerOptions options;
        private OptimizerSpec optimizerSpec;
        private LossScaleSpec lossScaling;
        private LrSchedule schedule;
        private Validation validation;
        private Path runDirectory;
        private final List<TrainingListener> listeners = new ArrayList<>();

        private Builder(TrainableModel<B> model, BatchSource<B> trainData) {
            this.model = Objects.requireNonNull(model, "model");
            this.trainData = Objects.requireNonNull(trainData, "trainData");
        }

        public Builder<B> options(TrainerOptions value) {
            this.options = value;
            return this;
        }

        public Builder<B> optimizer(OptimizerSpec value) {
            this.optimizerSpec = value;
            return this;
        }

        public Builder<B> lossScaling(LossScaleSpec value) {
            this.lossScaling = value;
            return this;
        }

        public Builder<B> schedule(LrSchedule value) {
            this.schedule = value;
            return this;
        }

        /** Evaluates the model on validation rows; without it there is no best checkpoint and no early stopping. */
        public Builder<B> validation(Validation value) {
            this.validation = value;
            return this;
        }

        /** The run directory; checkpoints go to its {@code checkpoints/} folder. */
        public Builder<B> runDirectory(Path value) {
            this.runDirectory = value;
            return this;
        }

        public Builder<B> listener(TrainingListener value) {
            this.listeners.add(Objects.requireNonNull(value, "listener"));
            return this;
        }

        /** Adds the optimizer's ops to the model's graph. */
        public Trainer<B> build() {
            return new Trainer<>(this);
        }
    }
}
