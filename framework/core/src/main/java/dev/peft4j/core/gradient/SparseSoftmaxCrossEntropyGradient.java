package dev.peft4j.core.gradient;

import java.util.List;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.RawCustomGradient;
import org.tensorflow.types.family.TType;

/**
 * Gradient of {@code SparseSoftmaxCrossEntropyWithLogits(logits [N, C], labels [N]) -> (loss [N], backprop [N, C])}.
 * The op already computes d loss_i / d logits_i (softmax minus one-hot) as its second output; the chain rule scales
 * each row by the incoming gradient of loss_i. Labels are integers and get zeros. The second-order term through
 * {@code backprop} is omitted, as TensorFlow's Python gradient omits it for first-order training.
 */
final class SparseSoftmaxCrossEntropyGradient implements RawCustomGradient {

    static final String OP_TYPE = "SparseSoftmaxCrossEntropyWithLogits";

    @Override
    public List<Operand<?>> call(Ops tf, GraphOperation op, List<Output<?>> gradOutputs) {
        Output<?> lossGrad = gradOutputs.get(0);
        Output<?> backprop = op.output(1);
        return List.of(scaleRows(tf, lossGrad, backprop), tf.zerosLike(op.input(1)));
    }

    private static <T extends TType> Operand<T> scaleRows(Ops tf, Output<T> lossGrad, Output<?> backprop) {
        return tf.math.mul(tf.expandDims(lossGrad, tf.constant(-1)), backprop.expect(lossGrad.type()));
    }
}
