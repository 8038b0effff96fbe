package dev.peft4j.core.train.optim;

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
 * <p>Ordering is explicit, not left to the executor: every variable update waits for the loss and all gradients (a
 * gradient of one variable may read another that is being updated), and accumulators are zeroed only after every
 * update has read them. The step count and bias corrections live in Java and are fed, so they can never run ahead of
 * the update (the trap of tensorflow-framework's Adam).
 */
final class AdamWGraph {

    final Placeholder<TFloat32> learningRate;
    /** 1 - beta1^t for the step t being taken. */
    final Placeholder<TFloat32> biasCorrection1;
    /** sqrt(1 - beta2^t). */
    final Placeholder<TFloat32> sqrtBiasCorrection2;
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

    AdamWGraph(Graph graph, Operand<TFloat32> loss, List<TrainableVariable> variables, OptimizerSpec spec,
               boolean accumulating) {
        if (variables.isEmpty()) {
            throw new IllegalArgumentException("nothing to train: the model lists no trainable variables");
        }
        this.loss = loss;
        Ops tf = Ops.create(graph).withSubScope("adamw");
        learningRate = scalarInput(tf, "learning_rate");
        biasCorrection1 = scalarInput(tf, "bias_correction1");
        sqrtBiasCorrection2 = scalarInput(tf, "sqrt_bias_correction2");
        lossScale = scalarInput(tf, "loss_scale");
        gradientDivisor = scalarInput(tf, "gradient_divisor");
        maxGradNorm = scalarInput(tf, "max_grad_norm");

        List<Output<TFloat32>> gradients = gradients(graph, tf, loss, variables);
        List<Operation> producers = new ArrayList<>();
        producers.add(loss.op());
        gradients.forEach(g -> producers.add(g.op()));
        Op gradientsReady = tf.withName("gradients_ready").withControlDependencyOps(producers).noOp();

        List<Op> zeroing = new ArrayList<>();
        List<Operand<TFloat32>> raw = new ArrayList<>();
        List<Variable<TFloat32>> accumulators = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            TrainableVariable v = variables.get(i);
            Ops slotOps = tf.withSubScope("slot_" + i);
            Variable<TFloat32> m = slotOps.withName("m").variable(v.shape(), TFloat32.class);
            Variable<TFloat32> s = slotOps.withName("v").variable(v.shape(), TFloat32.class);
            slots.put(v.name() + "/adam_m", m);
            slots.put(v.name() + "/adam_v", s);
            zeroing.add(slotOps.assign(m, zeros(slotOps, m)));
            zeroing.add(slotOps.assign(s, zeros(slotOps, s)));
            if (accumulating) {
                Variable<TFloat32> acc = slotOps.withName("grad_sum").variable(v.shape(), TFloat32.class);
                accumulators.add(acc);
                zeroing.add(slotOps.assign(acc, zeros(slotOps, acc)));
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

        Ops update = accumulating ? tf : afterGradients;
        List<Operand<TFloat32>> unscaled = new ArrayList<>();
        List<Operand<TBool>> finiteFlags = new ArrayList<>();
        List<Operand<TFloat32>> squares = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            Operand<TFloat32> g = tf.math.div(raw.get(i), gradientDivisor);
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

        Operand<TFloat32> stepSize = tf.math.div(learningRate, biasCorrection1);
        Operand<TFloat32> decayFactor = tf.math.sub(tf.constant(1f),
                tf.math.mul(learningRate, tf.constant((float) spec.weightDecay())));
        List<Op> updates = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            TrainableVariable v = variables.get(i);
            Operand<TFloat32> g = tf.math.mul(unscaled.get(i), clip);
            updates.addAll(update(tf, update.withSubScope("update_" + i), v, g, spec, stepSize, decayFactor));
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

    /**
     * PyTorch's AdamW for one variable: m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g²;
     * w = w (1 - lr wd) - lr / bc1 · m / (sqrt(v) / sqrt(bc2) + eps), each kept as it was when a gradient is not finite.
     */
    private List<Op> update(Ops tf, Ops assigning, TrainableVariable v, Operand<TFloat32> g, OptimizerSpec spec,
                            Operand<TFloat32> stepSize, Operand<TFloat32> decayFactor) {
        Variable<TFloat32> m = slots.get(v.name() + "/adam_m");
        Variable<TFloat32> s = slots.get(v.name() + "/adam_v");
        Operand<TFloat32> m1 = tf.math.add(tf.math.mul(m, tf.constant((float) spec.beta1())),
                tf.math.mul(g, tf.constant((float) (1 - spec.beta1()))));
        Operand<TFloat32> s1 = tf.math.add(tf.math.mul(s, tf.constant((float) spec.beta2())),
                tf.math.mul(tf.math.square(g), tf.constant((float) (1 - spec.beta2()))));
        Operand<TFloat32> denominator = tf.math.add(tf.math.div(tf.math.sqrt(s1), sqrtBiasCorrection2),
                tf.constant((float) spec.epsilon()));
        Operand<TFloat32> decayed = v.weightDecay() ? tf.math.mul(v.variable(), decayFactor) : v.variable();
        Operand<TFloat32> w1 = tf.math.sub(decayed, tf.math.mul(stepSize, tf.math.div(m1, denominator)));
        return List.of(assigning.withName("m").assign(m, tf.select(allFinite, m1, m)),
                assigning.withName("v").assign(s, tf.select(allFinite, s1, s)),
                assigning.withName("w").assign(v.variable(), tf.select(allFinite, w1, v.variable())));
    }

    private List<Output<TFloat32>> gradients(Graph graph, Ops tf, Operand<TFloat32> loss,
                                             List<TrainableVariable> variables) {
        Operand<TFloat32> scaled = tf.withName("scaled_loss").math.mul(loss, lossScale);
        Output<?>[] targets = variables.stream().map(v -> v.variable().asOutput()).toArray(Output<?>[]::new);
        Output<?>[] grads;
        try {
            grads = graph.addGradients(scaled.asOutput(), targets);
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
