package dev.peft4j.spi.method;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Chooses one of two same-shaped tensors by a scalar flag (an adapter's on/off switch, the training flag). Built as
 * TensorFlow's {@code Select}, which with a scalar condition hands the chosen input through without touching its
 * elements, forward and backward; {@code tf.select} builds {@code SelectV2}, which broadcasts the flag and writes
 * every element: a full pass over the tensor in the forward and two more in the backward.
 */
public final class Switch {

    private Switch() {
    }

    /**
     * @param on       a scalar
     * @param whenOn   the value while {@code on} is true
     * @param whenOff  the value otherwise, of {@code whenOn}'s shape
     */
    public static Operand<TFloat32> choose(Ops tf, Operand<TBool> on, Operand<TFloat32> whenOn,
            Operand<TFloat32> whenOff) {
        return tf.scope().opBuilder("Select", "Select")
                .addInput(on.asOutput())
                .addInput(whenOn.asOutput())
                .addInput(whenOff.asOutput())
                .build()
                .<TFloat32>output(0);
    }
}
