package dev.peft4j.plugins.adapter.graph;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * One adapter's parameters in the graph, laid out as PyTorch's nn.Linear: weights [out, in].
 *
 * @param downWeight      [bottleneck, hidden]
 * @param downBias        [bottleneck]
 * @param upWeight        [hidden, bottleneck]
 * @param upBias          [hidden]
 * @param scaling         a scalar or [1]: a constant, or a trainable variable for a learned scaling
 * @param layerNormWeight [hidden], or null without layer norm
 * @param layerNormBias   [hidden], or null without layer norm
 */
public record BottleneckWeights(
        Operand<TFloat32> downWeight,
        Operand<TFloat32> downBias,
        Operand<TFloat32> upWeight,
        Operand<TFloat32> upBias,
        Operand<TFloat32> scaling,
        Operand<TFloat32> layerNormWeight,
        Operand<TFloat32> layerNormBias) {

    public boolean hasLayerNorm() {
        return layerNormWeight != null;
    }
}
