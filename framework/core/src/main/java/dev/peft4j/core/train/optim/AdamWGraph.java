package dev.peft4j.core.train.optim;

import dev.peft4j.core.model.Backprop;
import dev.peft4j.core.train.TrainableVariable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The AdamW ops added to a model's graph: gradients of the scaled loss for the chosen variables only, optional
 * accumulation over micro-batches, a global-norm clip, and the decoupled-weight-decay Adam update (as in PyTorch's
 * {@code AdamW}), all skipped as a whole when any gradient is not finite.
 *
 * <p>The update is TensorFlow's fused {@code ApplyAdam} kernel, one pass over each variable and its moments: fed the
 * step size {@code lr sqrt(1 - beta2^t) / (1 - beta1^t)} and the epsilon {@code eps sqrt(1 - beta2^t)} (both computed
 * in Java, in double) with beta powers of 0, it computes exactly PyTorch's {@code w -= lr / (1 - beta1^t) m /
 * (sqrt(v) / sqrt(1 - beta2^t) + eps)}. A skipped step runs it with a zero gradient, betas of 1 and a step size of 0,
 * which leaves weights and moments unchanged.
 *
 * <p>Ordering is explicit, not left to the executor: every update op, and every value it reads, waits for the loss and
 * all gradients (a gradient of one variable may read another that is being updated; and a moment read early would hold
 * a copy of it through the whole forward and backward pass), and accumulators are zeroed only after every update has
 * read them. The step count lives in Java and the bias corrections are fed, so they can never run ahead of the update
 * (the trap of tensorflow-framework's Adam). Per-variable ops are named, not put in sub-scopes: TensorFlow Java scans
 * the whole graph for every new sub-scope, which made building the optimizer of a large model take seconds.
 */
final class AdamWGraph {

    /** The schedule's learning rate of the step (weight decay scales with it). */
    final Placeholder<TFloat32> learningRate;
    /** lr sqrt(1 - beta2^t) / (1 - beta1^t) for the step t being taken. */
    final Placeholder<TFloat32> stepSize;
    /** epsilon sqrt(1 - beta2^t): PyTorch's epsilon, moved outside the bias correction. */
    final Placeholder<TFloat32> correctedEpsilon;
    /** Multiplies the loss before differentiation. */
    final Placeholder<TFloat32> lossScale;
    /** Divides the summed raw gradients: loss scale times the number of accumulated micro-batches. */
    final Placeholder<TFloat32> gradientDivisor;
    /** Global-norm clip threshold; +infinity turns clipping off. */
    final Placeholder<TFloat32> maxGradNorm;

    final Operand<TFloat32> loss;
    final Output<TFloat32> gradNorm;
    final Output<TBool> allFinite;
    /** Zeroes moments and accumulators. */
    final Op initialize;
    /** Gradients and update in one run; null when accumulating. */
    final Op fusedStep;
    /** Adds a micro-batch's gradients to the accumulators; null when not accumulating. */
    final Op accumulate;
    /** Updates from the accumulators and zeroes them; null when not accumulating. */
    final Op applyAccumulated;
    /** First and second moment of every trainable variable, keyed {@code <name>/adam_m} and {@code <name>/adam_v}. */
    final Map<String, Variable<TFloat32>> slots = new LinkedHashMap<>();

    AdamWGraph(Graph graph, Backprop backprop, Operand<TFloat32> loss, List<TrainableVariable> variables,
               OptimizerSpec spec, boolean accumulating) {
        if (variables.isEmpty()) {
            throw new IllegalArgumentException("nothing to train: the model lists no trainable variables");
        }
        this.loss = loss;
        Ops tf = Ops.create(graph).withSubScope("adamw");
        learningRate = scalarInput(tf, "learning_rate");
        stepSize = scalarInput(tf, "step_size");
        correctedEpsilon = scalarInput(tf, "corrected_epsilon");
        lossScale = scalarInput(tf, "loss_scale");
        gradientDivisor = scalarInput(tf, "gradient_divisor");
        maxGradNorm = scalarInput(tf, "max_grad_norm");

        List<Output<TFloat32>> gradients = gradients(backprop, tf, loss, variables);
        List<Operation> producers = new ArrayList<>();
        producers.add(loss.op());
        gradients.forEach(g -> producers.add(g.op()));
        Op gradientsReady = tf.withName("gradients_ready").withControlDependencyOps(producers).noOp();

        List<Op> zeroing = new ArrayList<>();
        List<Operand<TFloat32>> raw = new ArrayList<>();
        List<Variable<TFloat32>> accumulators = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            TrainableVariable v = variables.get(i);
            Variable<TFloat32> m = tf.withName("slot_" + i + "_m").variable(v.shape(), TFloat32.class);
            Variable<TFloat32> s = tf.withName("slot_" + i + "_v").variable(v.shape(), TFloat32.class);
            slots.put(v.name() + "/adam_m", m);
            slots.put(v.name() + "/adam_v", s);
            zeroing.add(tf.withName("slot_" + i + "_zero_m").assign(m, zeros(tf, m)));
            zeroing.add(tf.withName("slot_" + i + "_zero_v").assign(s, zeros(tf, s)));
            if (accumulating) {
                Variable<TFloat32> acc = tf.withName("slot_" + i + "_grad_sum").variable(v.shape(), TFloat32.class);
                accumulators.add(acc);
                zeroing.add(tf.withName("slot_" + i + "_zero_grad_sum").assign(acc, zeros(tf, acc)));
                raw.add(acc);
            } else {
                raw.add(gradients.get(i));
            }
        }
        initialize = tf.withName("initialize").withControlDependencies(zeroing).noOp();

        Ops afterGradients = tf.withControlDependencies(gradientsReady);
        if (accumulating) {
            List<Op> adds = new ArrayList<>();
            for (int i = 0; i < accumulators.size(); i++) {
                adds.add(afterGradients.assignAdd(accumulators.get(i), gradients.get(i)));
            }
            accumulate = tf.withName("accumulate").withControlDependencies(adds).noOp();
        } else {
            accumulate = null;
        }

        // Everything below reads variables (accumulators, weights, moments): in a fused step only once all gradients
        // are there, or it would read them early and keep the copies alive through the forward and backward pass.
        Ops update = accumulating ? tf : afterGradients;
        List<Operand<TFloat32>> unscaled = new ArrayList<>();
        List<Operand<TBool>> finiteFlags = new ArrayList<>();
        List<Operand<TFloat32>> squares = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            Operand<TFloat32> g = update.math.div(raw.get(i), gradientDivisor);
            unscaled.add(g);
            Operand<TInt32> axes = allAxes(tf, variables.get(i).shape());
            finiteFlags.add(tf.reduceAll(tf.math.isFinite(g), axes));
            squares.add(tf.reduceSum(tf.math.square(g), axes));
        }
        allFinite = tf.withName("all_finite").reduceAll(tf.stack(finiteFlags), tf.constant(0)).asOutput();
        gradNorm = tf.withName("grad_norm").math.sqrt(tf.math.addN(squares)).asOutput();
        // As PyTorch's clip_grad_norm_: scale by max_norm / (norm + 1e-6), never up.
        Operand<TFloat32> clip = tf.math.minimum(tf.constant(1f),
                tf.math.div(maxGradNorm, tf.math.add(gradNorm, tf.constant(1e-6f))));

        // A skipped step: zero gradient, betas 1, step size 0 and no decay leave every weight and moment as it was.
        Operand<TFloat32> one = tf.constant(1f);
        Operand<TFloat32> beta1 = tf.select(allFinite, tf.constant((float) spec.beta1()), one);
        Operand<TFloat32> beta2 = tf.select(allFinite, tf.constant((float) spec.beta2()), one);
        Operand<TFloat32> step = tf.select(allFinite, stepSize, tf.constant(0f));
        Operand<TFloat32> decayFactor = tf.select(allFinite, tf.math.sub(one,
                tf.math.mul(learningRate, tf.constant((float) spec.weightDecay()))), one);
        Operand<TFloat32> noPower = tf.constant(0f);
        List<Op> updates = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            TrainableVariable v = variables.get(i);
            Operand<TFloat32> g = tf.select(allFinite, tf.math.mul(unscaled.get(i), clip), tf.constant(0f));
            Ops applying = update;
            if (v.weightDecay() && spec.weightDecay() > 0) {
                // Decoupled weight decay first, as PyTorch's AdamW: w (1 - lr wd), then the Adam step.
                Op decayed = update.withName("decay_" + i).assign(v.variable(), tf.math.mul(v.variable(), decayFactor));
                applying = tf.withControlDependencies(accumulating ? List.of(decayed) : List.of(gradientsReady, decayed));
            }
            updates.add(applying.withName("update_" + i).train.applyAdam(v.variable(),
                    slots.get(v.name() + "/adam_m"), slots.get(v.name() + "/adam_v"), noPower, noPower, step, beta1,
                    beta2, correctedEpsilon, g));
        }
        if (accumulating) {
            Ops afterUpdates = tf.withControlDependencies(updates);
            List<Op> clears = new ArrayList<>();
            for (Variable<TFloat32> acc : accumulators) {
                clears.add(afterUpdates.assign(acc, zeros(afterUpdates, acc)));
            }
            applyAccumulated = tf.withName("apply").withControlDependencies(clears).noOp();
            fusedStep = null;
        } else {
            fusedStep = tf.withName("step").withControlDependencies(updates).noOp();
            applyAccumulated = null;
        }
    }

    private List<Output<TFloat32>> gradients(Backprop backprop, Ops tf, Operand<TFloat32> loss,
                                             List<TrainableVariable> variables) {
        Operand<TFloat32> scaled = tf.withName("scaled_loss").math.mul(loss, lossScale);
        Output<?>[] targets = variables.stream().map(v -> v.variable().asOutput()).toArray(Output<?>[]::new);
        Output<?>[] grads;
        try {
            grads = backprop.gradients(scaled, targets);
        } catch (RuntimeException e) {
            throw new IllegalStateException("TensorFlow could not differentiate the loss '" + loss.op().name()
                    + "' with respect to the trainable variables " + names(variables) + ": " + e.getMessage()
                    + ". An op on the path has no gradient (see docs on custom gradients) or a variable does not"
                    + " reach the loss.", e);
        }
        List<Output<TFloat32>> out = new ArrayList<>();
        for (int i = 0; i < grads.length; i++) {
            if (grads[i] == null) {
                throw new IllegalStateException("trainable variable '" + variables.get(i).name()
                        + "' does not influence the loss '" + loss.op().name() + "': freeze it or connect it");
            }
            out.add(grads[i].expect(TFloat32.class));
        }
        return out;
    }

    private static List<String> names(List<TrainableVariable> variables) {
        return variables.stream().map(TrainableVariable::name).toList();
    }

    private static Placeholder<TFloat32> scalarInput(Ops tf, String name) {
        return tf.withName(name).placeholder(TFloat32.class,
                Placeholder.shape(Shape.scalar()));
    }

    private static Operand<TFloat32> zeros(Ops tf, Variable<TFloat32> like) {
        return tf.zeros(tf.constant(like.shape()), TFloat32.class);
    }

    private static Operand<TInt32> allAxes(Ops tf, Shape shape) {
        return tf.constant(IntStream.range(0, shape.numDimensions()).toArray());
    }
}
