package dev.peft4j.bench.torch;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.peft4j.bench.model.BertShape;
import dev.peft4j.bench.model.GptShape;
import dev.peft4j.bench.model.Layouts;
import dev.peft4j.bench.model.TensorSpec;
import dev.peft4j.bench.model.TokenBatch;
import dev.peft4j.bench.model.WeightSource;
import dev.peft4j.bench.workload.StepResult;
import dev.peft4j.bench.workload.Workload;
import dev.peft4j.bench.workload.WorkloadSpec;
import dev.peft4j.spi.FloatTensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The benchmark workload in PyTorch eager mode through DJL: GradientCollector for autograd, fused Adam. */
final class TorchWorkload implements Workload {

    private final WorkloadSpec spec;
    private NDManager manager;
    private TorchModel model;
    private TorchAdam adam;

    TorchWorkload(WorkloadSpec spec) {
        this.spec = spec;
    }

    @Override
    public String engine() {
        return "pytorch";
    }

    @Override
    public void setup(WeightSource weights) {
        manager = NDManager.newBaseManager(TorchBackend.ENGINE);
        Map<String, NDArray> params = new HashMap<>();
        for (TensorSpec s : Layouts.forTask(spec.shape(), spec.task())) {
            FloatTensor values = weights.tensor(s);
            params.put(s.name(), manager.create(values.data(), new Shape(values.shape())));
        }
        if (spec.task().trains()) {
            List<NDArray> trainable = new ArrayList<>();
            for (TensorSpec s : Layouts.trainable(spec.shape(), spec.task())) {
                NDArray p = params.get(s.name());
                p.setRequiresGradient(true);
                trainable.add(p);
            }
            adam = new TorchAdam(manager, trainable, spec.adam());
        }
        model = spec.shape() instanceof GptShape gpt
                ? new TorchGpt(manager, gpt, spec.task().usesLora(), Map.copyOf(params))
                : new TorchBert(manager, (BertShape) spec.shape(), Map.copyOf(params));
    }

    @Override
    public StepResult step(TokenBatch batch) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray inputs = longs(batch.inputs(), new Shape(batch.batch(), batch.seqLen()));
            NDArray targets = batch.classes() != null ? longs(batch.classes(), new Shape(batch.batch()))
                    : longs(batch.labels(), new Shape(batch.batch(), batch.seqLen()));
            if (adam == null) {
                NDArray logits = model.logits(inputs);
                float loss = model.loss(logits, targets).getFloat();
                long[] predicted = logits.argMax(-1).toLongArray();
                int[] tokens = new int[predicted.length];
                for (int i = 0; i < tokens.length; i++) {
                    tokens[i] = Math.toIntExact(predicted[i]);
                }
                return new StepResult(loss, StepResult.checksum(tokens));
            }
            float loss;
            try (GradientCollector collector = Engine.getEngine(TorchBackend.ENGINE).newGradientCollector()) {
                NDArray value = model.loss(model.logits(inputs), targets);
                collector.backward(value);
                loss = value.getFloat();
            }
            adam.update();
            return StepResult.training(loss);
        }
    }

    @Override
    public void close() {
        if (manager != null) {
            manager.close();
        }
    }

    /** Token ids and classes as int64, which gather and embedding want. */
    private NDArray longs(int[] values, Shape shape) {
        long[] wide = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            wide[i] = values[i];
        }
        return manager.create(wide, shape);
    }
}
