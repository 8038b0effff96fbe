package dev.peft4j.bench.tf;

import dev.peft4j.bench.model.AdamSettings;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Adam on a chosen set of variables (PyTorch's update, see {@link AdamSettings}), built from ApplyAdam with the two control dependencies that TensorFlow Java's own
 * optimizer lacks: every update waits for every gradient (an update to LoRA B must not run before the gradient of A,
 * which reads B, is computed), and the bias-correction powers beta^t are fed per step rather than kept in variables
 * updated without ordering. Gradients come from {@code graph.addGradients(loss, trainable)}, so frozen variables get
 * neither gradients nor slots.
 */
final class TfAdam {

    /** Runs every update; fetch the loss with it. */
    final Op train;
    /** Zeroes the m and v slots; run once before training. */
    final Op initSlots;
    final Placeholder<TFloat32> beta1Power;
    final Placeholder<TFloat32> beta2Power;
    /** PyTorch's epsilon times sqrt(1 - beta2^t), so that ApplyAdam computes PyTorch's update. */
    final Placeholder<TFloat32> epsilon;

    TfAdam(Graph graph, Ops tf, Operand<TFloat32> loss, List<Variable<TFloat32>> trainable, AdamSettings adam) {
        Output<?>[] xs = new Output<?>[trainable.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = trainable.get(i).asOutput();
        }
        Output<?>[] grads = graph.addGradients(loss.asOutput(), xs);

        List<Operation> gradientOps = new ArrayList<>();
        for (Output<?> g : grads) {
            gradientOps.add(g.op());
        }
        Op allGradients = tf.withControlDependencyOps(gradientOps).noOp();
        Ops afterGradients = tf.withControlDependencies(List.of(allGradients));

        this.beta1Power = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        this.beta2Power = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        Operand<TFloat32> lr = tf.constant(adam.learningRate());
        Operand<TFloat32> beta1 = tf.constant(adam.beta1());
        Operand<TFloat32> beta2 = tf.constant(adam.beta2());
        this.epsilon = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));

        List<Op> updates = new ArrayList<>();
        List<Op> slotInits = new ArrayList<>();
        for (int i = 0; i < xs.length; i++) {
            Variable<TFloat32> variable = trainable.get(i);
            Shape shape = variable.asOutput().shape();
            Variable<TFloat32> m = tf.variable(shape, TFloat32.class);
            Variable<TFloat32> v = tf.variable(shape, TFloat32.class);
            Operand<TFloat32> zeros = tf.zeros(tf.constant(shape), TFloat32.class);
            slotInits.add(tf.assign(m, zeros));
            slotInits.add(tf.assign(v, zeros));
            updates.add(afterGradients.train.applyAdam(variable, m, v, beta1Power, beta2Power, lr, beta1, beta2, epsilon,
                    grads[i].expect(TFloat32.class)));
        }
        this.train = tf.withControlDependencies(updates).noOp();
        this.initSlots = tf.withControlDependencies(slotInits).noOp();
    }
}
