package dev.peft4j.core.model.surgery;

import dev.peft4j.core.model.Batch;
import dev.peft4j.core.model.Feed;
import dev.peft4j.core.model.ModelGraph;
import dev.peft4j.core.model.TrainableVariable;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;

/** Plain gradient descent over {@link ModelGraph#trainables()}, the way a trainer wires its optimizer. */
public final class SgdStep {

    private final ModelGraph model;
    private final List<TrainableVariable> variables;
    private final Output<?>[] gradients;
    private final Op update;

    public SgdStep(ModelGraph model, float learningRate) {
        this.model = model;
        this.variables = model.trainables();
        Output<?>[] xs = variables.stream().map(v -> v.variable().asOutput()).toArray(Output<?>[]::new);
        this.gradients = model.graph().addGradients(model.loss().asOutput(), xs);
        Ops tf = model.tf();
        Ops afterGradients = tf.withControlDependencies(List.of(tf.withControlDependencies(
                java.util.Arrays.stream(gradients).map(g -> (Op) tf.identity(g)).toList()).noOp()));
        List<Op> updates = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            updates.add(apply(afterGradients, variables.get(i), gradients[i], learningRate));
        }
        this.update = tf.withControlDependencies(updates).noOp();
    }

    @SuppressWarnings("unchecked")
    private static Op apply(Ops tf, TrainableVariable v, Output<?> gradient, float lr) {
        return tf.train.applyGradientDescent(v.variable(), tf.constant(lr),
                (Output<org.tensorflow.types.TFloat32>) gradient);
    }

    List<TrainableVariable> variables() {
        return variables;
    }

    Output<?>[] gradients() {
        return gradients;
    }

    public void run(Batch batch) {
        try (Feed feed = model.feed(batch, true)) {
            feed.applyTo(model.session().runner()).addTarget(update).run().close();
        }
    }
}
