package dev.peft4j.core.gradient;

import java.util.List;
import java.util.regex.Matcher;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.RawCustomGradient;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The gradient of peft4j's lean-gradient ops: a value built behind a {@code StopGradient} and passed with what its
 * derivative needs through an {@code IdentityN}, named after the op ({@link Gelu}, {@link LayerNorm},
 * {@link CrossEntropy}). TensorFlow has no gradient for {@code IdentityN}, and a process can register one gradient per
 * op type, so this one dispatches on the op's name; any other IdentityN is refused with a message saying so.
 */
final class IdentityNGradient implements RawCustomGradient {

    static final String OP_TYPE = "IdentityN";

    private final GeluGradient gelu = new GeluGradient();

    @Override
    public List<Operand<?>> call(Ops tf, GraphOperation op, List<Output<?>> gradOutputs) {
        if (Gelu.NAME.matcher(op.name()).matches() && op.numInputs() == 2) {
            return gelu.call(tf, op, gradOutputs);
        }
        if (LayerNorm.NAME.matcher(op.name()).matches() && op.numInputs() == 6) {
            return LayerNorm.gradient(tf, gradOutputs.get(0).expect(TFloat32.class), op.input(1).expect(TFloat32.class),
                    op.input(2).expect(TFloat32.class), op.input(4).expect(TFloat32.class),
                    op.input(5).expect(TFloat32.class), gradOutputs);
        }
        if (CrossEntropy.NAME.matcher(op.name()).matches() && op.numInputs() == 4) {
            return crossEntropy(tf, op, gradOutputs);
        }
        if (CrossEntropy.PROJECTED_NAME.matcher(op.name()).matches() && op.numInputs() == 5) {
            return projectedCrossEntropy(tf, op, gradOutputs);
        }
        Matcher chunked = CrossEntropy.CHUNKED_NAME.matcher(op.name());
        if (chunked.matches() && op.numInputs() == 4) {
            return chunkedCrossEntropy(tf, op, gradOutputs, Integer.parseInt(chunked.group(1)));
        }
        throw new IllegalStateException("op " + op.name() + " (IdentityN) has no gradient: peft4j differentiates "
                + "IdentityN only as the GELU (ops named gelu_exact or gelu_tanh), the LayerNorm (layer_norm) and the "
                + "softmax cross-entropy (softmax_cross_entropy, projected_cross_entropy, "
                + "chunked_cross_entropy_<n>) of core/gradient; build other "
                + "ops through core/gradient, or keep IdentityN off the path from the loss to the trained variables");
    }

    /** Inputs: the stopped loss, the logits, the stopped softmax, the labels. */
    private static List<Operand<?>> crossEntropy(Ops tf, GraphOperation op, List<Output<?>> gradOutputs) {
        Output<TFloat32> lossGradient = gradOutputs.get(0).expect(TFloat32.class);
        Operand<TFloat32> logits = CrossEntropy.logitsGradient(tf, lossGradient, op.input(2).expect(TFloat32.class),
                op.input(3).expect(TInt32.class));
        // The passed-through logits, softmax and labels are not used downstream: their incoming gradients are the
        // zeros TensorFlow hands unused outputs, and the stopped inputs end the chain there.
        return List.of(lossGradient, logits, gradOutputs.get(2), tf.zerosLike(op.input(3)));
    }

    /** Inputs: the stopped loss, hidden [N, H], weight [C, H], the labels. */
    private static List<Operand<?>> chunkedCrossEntropy(Ops tf, GraphOperation op, List<Output<?>> gradOutputs,
            int chunks) {
        Output<TFloat32> lossGradient = gradOutputs.get(0).expect(TFloat32.class);
        CrossEntropy.ProjectionGradients d = CrossEntropy.chunkedGradients(tf, lossGradient,
                op.input(1).expect(TFloat32.class), op.input(2).expect(TFloat32.class),
                op.input(3).expect(TInt32.class), chunks);
        return List.of(lossGradient, d.hidden(), d.weight(), tf.zerosLike(op.input(3)));
    }

    /** Inputs: the stopped loss, hidden [N, H], weight [C, H], the stopped softmax, the labels. */
    private static List<Operand<?>> projectedCrossEntropy(Ops tf, GraphOperation op, List<Output<?>> gradOutputs) {
        Output<TFloat32> lossGradient = gradOutputs.get(0).expect(TFloat32.class);
        Operand<TFloat32> hidden = op.input(1).expect(TFloat32.class);
        Operand<TFloat32> weight = op.input(2).expect(TFloat32.class);
        CrossEntropy.ProjectionGradients d = CrossEntropy.projectionGradients(tf, lossGradient, hidden, weight,
                op.input(3).expect(TFloat32.class), op.input(4).expect(TInt32.class));
        // TensorFlow runs only what the trained variables need: no weight gradient when the head is frozen.
        return List.of(lossGradient, d.hidden(), d.weight(), gradOutputs.get(3), tf.zerosLike(op.input(4)));
    }
}
