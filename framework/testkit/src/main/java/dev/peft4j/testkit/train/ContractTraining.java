package dev.peft4j.testkit.train;

import dev.peft4j.core.model.Batch;
import dev.peft4j.core.model.Feed;
import dev.peft4j.core.model.ModelGraph;
import dev.peft4j.core.train.TrainableVariable;
import dev.peft4j.core.train.optim.AdamW;
import dev.peft4j.core.train.optim.LossScaleSpec;
import dev.peft4j.core.train.optim.OptimizerSpec;
import dev.peft4j.core.train.optim.StepResult;
import java.util.List;

/**
 * peft4j's AdamW over a model's {@link ModelGraph#trainables()}, one optimizer step per batch, as the trainer runs it:
 * decoupled weight decay 0.01 (so decay never touches a frozen weight either) and gradient clipping at 1.
 */
public final class ContractTraining {

    private static final OptimizerSpec SPEC = new OptimizerSpec(0.9, 0.999, 1e-8, 0.01, 1.0);

    private final ModelGraph model;
    private final AdamW optimizer;
    private final double learningRate;

    public ContractTraining(ModelGraph model, double learningRate) {
        this.model = model;
        this.learningRate = learningRate;
        List<TrainableVariable> variables = model.trainables().stream()
                .map(v -> new TrainableVariable(v.name(), v.variable(), v.decay()))
                .toList();
        this.optimizer = new AdamW(model.graph(), model.backprop(), model.session(), model.loss(), variables, SPEC,
                LossScaleSpec.none(), 1);
        optimizer.initialize();
    }

    /** One training step (dropout on) on {@code batch}; returns its loss before the update. */
    public double step(Batch batch) {
        Feed feed = model.feed(batch, true);
        try {
            StepResult result = optimizer.step(List.of(f -> feed.applyTo(f.runner())), learningRate);
            if (!result.applied()) {
                throw new AssertionError("a training step was skipped because its gradients were not finite "
                        + "(loss " + result.loss() + ")");
            }
            return result.loss();
        } finally {
            feed.close();
        }
    }

    /** The loss of {@code batch} in inference mode. */
    public double loss(Batch batch) {
        return model.evaluate(batch, model.loss()).data()[0];
    }
}
