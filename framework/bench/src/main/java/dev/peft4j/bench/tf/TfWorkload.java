package dev.peft4j.bench.tf;

import dev.peft4j.bench.model.GptLayout;
import dev.peft4j.bench.model.GptShape;
import dev.peft4j.bench.model.TensorSpec;
import dev.peft4j.bench.model.TokenBatch;
import dev.peft4j.bench.model.WeightSource;
import dev.peft4j.bench.workload.StepResult;
import dev.peft4j.bench.workload.Workload;
import dev.peft4j.bench.workload.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** The benchmark workload as one TensorFlow graph and session. */
final class TfWorkload implements Workload {

    private final WorkloadSpec spec;
    private Graph graph;
    private Session session;
    private TfGptGraph model;
    private TfAdam adam;
    private int updates;

    TfWorkload(WorkloadSpec spec) {
        this.spec = spec;
    }

    @Override
    public String engine() {
        return "tensorflow";
    }

    @Override
    public void setup(WeightSource weights) {
        graph = new Graph();
        Ops tf = Ops.create(graph);
        GptShape shape = (GptShape) spec.shape();
        model = new TfGptGraph(tf, shape, spec.task());
        if (spec.task().trains()) {
            List<Variable<TFloat32>> trainable = new ArrayList<>();
            for (TensorSpec s : GptLayout.trainable(shape, spec.task())) {
                trainable.add(model.variables().get(s.name()));
            }
            adam = new TfAdam(graph, tf, model.loss, trainable, spec.adam());
        }
        session = TfSessions.open(graph, spec.intraOpThreads(), spec.interOpThreads());
        model.variables().load(session, weights);
        if (adam != null) {
            session.run(adam.initSlots);
        }
    }

    @Override
    public StepResult step(TokenBatch batch) {
        Shape shape = Shape.of(batch.batch(), batch.seqLen());
        List<AutoCloseable> feeds = new ArrayList<>();
        try {
            TInt32 inputs = track(feeds, TInt32.tensorOf(shape, DataBuffers.of(batch.inputs(), true, false)));
            TInt32 labels = track(feeds, TInt32.tensorOf(shape, DataBuffers.of(batch.labels(), true, false)));
            Session.Runner runner = session.runner().feed(model.inputs, inputs).feed(model.labels, labels).fetch(model.loss);
            if (adam != null) {
                updates++;
                float b1 = (float) Math.pow(spec.adam().beta1(), updates);
                float b2 = (float) Math.pow(spec.adam().beta2(), updates);
                runner.feed(adam.beta1Power, track(feeds, TFloat32.scalarOf(b1)))
                        .feed(adam.beta2Power, track(feeds, TFloat32.scalarOf(b2)))
                        .feed(adam.epsilon, track(feeds, TFloat32.scalarOf(spec.adam().correctedEpsilon(updates))))
                        .addTarget(adam.train);
                try (Result result = runner.run()) {
                    return StepResult.training(((TFloat32) result.get(0)).getFloat());
                }
            }
            runner.fetch(model.predictions);
            try (Result result = runner.run()) {
                TInt32 predicted = (TInt32) result.get(1);
                int[] tokens = new int[Math.toIntExact(predicted.shape().size())];
                predicted.copyTo(DataBuffers.of(tokens, false, false));
                return new StepResult(((TFloat32) result.get(0)).getFloat(), StepResult.checksum(tokens));
            }
        } finally {
            for (AutoCloseable feed : feeds) {
                closeQuietly(feed);
            }
        }
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
        if (graph != null) {
            graph.close();
        }
    }

    private static <T extends AutoCloseable> T track(List<AutoCloseable> feeds, T tensor) {
        feeds.add(tensor);
        return tensor;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not release a TensorFlow tensor", e);
        }
    }
}
