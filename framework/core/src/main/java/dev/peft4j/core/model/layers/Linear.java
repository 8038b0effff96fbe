package dev.peft4j.core.model.layers;

import dev.peft4j.spi.method.LinearLayer;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** A frozen linear layer (Hugging Face Linear [out, in] or GPT-2 Conv1D [in, out]) followed by its hooks. */
public final class Linear {

    private Linear() {
    }

    /** @param x [tokens, in]; @return [tokens, out] */
    public static Operand<TFloat32> apply(BuildContext ctx, LinearLayer layer, Operand<TFloat32> x) {
        Operand<TFloat32> out = ctx.compute().matMul(x, layer.weight(), !layer.fanInFanOut());
        if (layer.bias() != null) {
            out = ctx.tf().nn.biasAdd(out, layer.bias());
        }
        return ctx.hooks().applyLinear(ctx.tf(), layer.name(), x, out);
    }
}
