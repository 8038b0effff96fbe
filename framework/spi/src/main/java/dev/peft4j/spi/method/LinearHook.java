package dev.peft4j.spi.method;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Rewrites the output of one linear layer; LoRA adds {@code scale * B(A(x))} to the base output. */
@FunctionalInterface
public interface LinearHook {

    /**
     * @param input      the layer's input, flattened to [tokens, inFeatures]
     * @param baseOutput the frozen layer's output, [tokens, outFeatures]
     * @return the new output, [tokens, outFeatures]
     */
    Operand<TFloat32> apply(Ops tf, Operand<TFloat32> input, Operand<TFloat32> baseOutput);
}
