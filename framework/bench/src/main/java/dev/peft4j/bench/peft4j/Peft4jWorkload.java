package dev.peft4j.bench.peft4j;

import dev.peft4j.bench.model.Layouts;
import dev.peft4j.bench.model.TensorSpec;
import dev.peft4j.bench.model.TokenBatch;
import dev.peft4j.bench.model.WeightSource;
import dev.peft4j.bench.workload.StepResult;
import dev.peft4j.bench.workload.Workload;
import dev.peft4j.bench.workload.WorkloadSpec;
import dev.peft4j.core.model.Batch;
import dev.peft4j.core.model.Feed;
import dev.peft4j.core.model.Labels;
import dev.peft4j.core.model.ModelBuilder;
import dev.peft4j.core.model.ModelGraph;
import dev.peft4j.core.model.TrainableVariable;
import dev.peft4j.core.train.optim.AdamW;
import dev.peft4j.core.train.optim.LossScaleSpec;
import dev.peft4j.core.train.optim.OptimizerSpec;
import dev.peft4j.spi.method.TuningMethod;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * peft4j's own training step as a pipeline runs it: the model graph from {@link ModelBuilder} (GPT-2 with its tied LM
 * head, or BERT with a classification head), the tuning method injected through its surgery (the LoRA plugin, or full
 * fine-tuning), and one step of peft4j's {@link AdamW} (what {@code Trainer} runs per optimizer step: the fused
 * gradient-and-update session run, with its global-norm and finiteness checks). The values of what a run initialises
 * itself (LoRA A, the new classification head) are replaced by the benchmark's, so every engine starts alike.
 */
final class Peft4jWorkload implements Workload {

    private static final String ADAPTER = "default";
    /** Seeds what peft4j draws itself (adapter and head initialisation), all of which the benchmark overwrites. */
    private static final long SEED = 42;
    /** The tuning method's work folder; neither LoRA nor full fine-tuning writes to it. */
    private static final Path METHOD_WORK_DIR = Path.of("target", "bench-method-work");
    /** Where PEFT's saved names put the model's own tensors. */
    private static final String SAVED_PREFIX = "base_model.model.";

    private final WorkloadSpec spec;
    private ModelGraph model;
    private AdamW optimizer;
    private Operand<TInt32> predictions;
    private int steps;

    Peft4jWorkload(WorkloadSpec spec) {
        this.spec = spec;
    }

    @Override
    public String engine() {
        return "peft4j";
    }

    @Override
    public void setup(WeightSource weights) {
        List<TensorSpec> checkpoint = Peft4jModels.checkpoint(spec.shape());
        ModelBuilder builder = ModelBuilder.create(Peft4jModels.config(spec.shape()),
                        new SpecWeightStore(checkpoint, weights), Peft4jModels.options(spec.shape(), SEED))
                .sessionConfig(ConfigProto.newBuilder()
                        .setIntraOpParallelismThreads(spec.intraOpThreads())
                        .setInterOpParallelismThreads(spec.interOpThreads())
                        .build());
        Optional<TuningMethod> method = Peft4jModels.method(spec.task(), spec.shape(), SEED, METHOD_WORK_DIR);
        method.ifPresent(m -> builder.adapter(ADAPTER, m));
        model = builder.build();
        if (spec.task().trains()) {
            List<TrainableVariable> trainables = model.trainables();
            initialiseLikeTheOtherEngines(trainables, checkpoint, weights);
            OptimizerSpec adam = new OptimizerSpec(spec.adam().beta1(), spec.adam().beta2(), spec.adam().epsilon(), 0, 0);
            optimizer = new AdamW(model.graph(), model.backprop(), model.session(), model.loss(),
                    trainables.stream().map(v -> new dev.peft4j.core.train.TrainableVariable(v.name(), v.variable(),
                            v.decay())).toList(),
                    adam, LossScaleSpec.none(), 1);
            optimizer.initialize();
        } else {
            predictions = model.tf().math.argMax(model.logits(), model.tf().constant(-1), TInt32.class);
        }
    }

    /**
     * Checks that peft4j trains exactly the weights the benchmark layout says (else the engines would race different
     * steps), and gives the weights a run initialises itself (adapters, a new head) the benchmark's values.
     */
    private void initialiseLikeTheOtherEngines(List<TrainableVariable> trainables, List<TensorSpec> checkpoint,
            WeightSource weights) {
        Map<String, TensorSpec> expected = Layouts.trainable(spec.shape(), spec.task()).stream()
                .collect(Collectors.toMap(TensorSpec::name, Function.identity()));
        Set<String> fromCheckpoint = new HashSet<>();
        checkpoint.forEach(s -> fromCheckpoint.add(s.name()));
        Set<String> trained = new HashSet<>();
        for (TrainableVariable v : trainables) {
            String name = layoutName(v);
            TensorSpec s = expected.get(name);
            if (s == null || !Arrays.equals(s.shape(), v.shape())) {
                throw new IllegalStateException("peft4j trains " + name + Arrays.toString(v.shape())
                        + ", which the benchmark layout of " + spec.task().id() + " does not train with that shape");
            }
            trained.add(name);
            if (!fromCheckpoint.contains(name)) {
                model.write(v.name(), weights.tensor(s));
            }
        }
        if (!trained.equals(expected.keySet())) {
            Set<String> missing = new HashSet<>(expected.keySet());
            missing.removeAll(trained);
            throw new IllegalStateException("peft4j does not train " + missing + ", which the other engines train");
        }
    }

    /** The weight's name in the benchmark layout: its checkpoint name, or its PEFT name without the model prefix. */
    private static String layoutName(TrainableVariable v) {
        String saved = v.savedNames().getOrDefault(ADAPTER, v.name());
        return saved.startsWith(SAVED_PREFIX) ? saved.substring(SAVED_PREFIX.length()) : saved;
    }

    @Override
    public StepResult step(TokenBatch batch) {
        Batch input = batch(batch);
        Optional<Path> trace = traceFile();
        if (optimizer != null) {
            trace.ifPresent(file -> optimizer.traceNextStep(metadata -> StepTrace.write(metadata, file)));
            var result = optimizer.step(List.of(feed -> {
                Feed tensors = model.feed(input, true);
                feed.closeWith(tensors);
                tensors.applyTo(feed.runner());
            }), spec.adam().learningRate());
            return StepResult.training((float) result.loss());
        }
        Session.Runner runner = model.session().runner();
        trace.ifPresent(file -> runner.setOptions(
                RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build()));
        try (Feed feed = model.feed(input, false);
                Result r = trace.isPresent() ? feed.applyTo(runner).fetch(model.loss()).fetch(predictions)
                        .runAndFetchMetadata() : feed.applyTo(runner).fetch(model.loss()).fetch(predictions).run()) {
            trace.ifPresent(file -> StepTrace.write(r.getMetadata().orElseThrow(), file));
            TInt32 predicted = (TInt32) r.get(1);
            int[] tokens = new int[Math.toIntExact(predicted.shape().size())];
            predicted.copyTo(DataBuffers.of(tokens, false, false));
            return new StepResult(((TFloat32) r.get(0)).getFloat(), StepResult.checksum(tokens));
        }
    }

    /** With {@link StepTrace#PROPERTY} set, each step is traced into {@code <folder>/<task>-<step>.txt}. */
    private Optional<Path> traceFile() {
        String folder = System.getProperty(StepTrace.PROPERTY);
        return folder == null ? Optional.empty()
                : Optional.of(Path.of(folder, spec.task().id() + "-step" + steps++ + ".txt"));
    }

    /** The benchmark batch as peft4j's: every token real; causal-LM labels are the input ids (peft4j shifts them). */
    private static Batch batch(TokenBatch b) {
        int[] mask = new int[b.inputs().length];
        Arrays.fill(mask, 1);
        Labels labels = b.classes() != null ? new Labels.Classes(b.classes()) : new Labels.Tokens(b.inputs());
        return new Batch(b.batch(), b.seqLen(), b.inputs(), mask, null, labels);
    }

    @Override
    public void close() {
        if (model != null) {
            model.close();
        }
    }
}
