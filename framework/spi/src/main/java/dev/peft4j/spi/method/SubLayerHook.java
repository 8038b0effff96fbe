package dev.peft4j.spi.method;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Rewrites a sub-layer's output before the block adds its residual connection. A sequential bottleneck adapter
 * returns {@code output + f(output)}; a parallel one returns {@code output + f(input)}.
 */
@FunctionalInterface
public interface SubLayerHook {

    /**
     * @param input  the sub-layer's input, [tokens, hidden]
     * @param output the sub-layer's output before the residual add, [tokens, hidden]
     * @return the new output, [tokens, hidden]
     */
    Operand<TFloat32> apply(Ops tf, Operand<TFloat32> input, Operand<TFloat32> output);
}
