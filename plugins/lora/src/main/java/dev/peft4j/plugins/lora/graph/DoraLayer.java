package dev.peft4j.plugins.lora.graph;

import dev.peft4j.spi.method.Dropout;
import dev.peft4j.spi.method.LinearHook;
import dev.peft4j.spi.method.LinearLayer;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * DoRA on one linear layer, as PEFT computes it: with V = W + scaling·B·A ([out, in]) and per output feature
 * {@code k = m / ‖V‖} (norm over the input dimension),
 * {@code out = base + (k - 1) ⊙ (x·Wᵀ) + k ⊙ scaling · dropout(x)·Aᵀ·Bᵀ},
 * which without dropout is {@code k ⊙ (x·Vᵀ) + bias}. As in PEFT (and the DoRA paper, section 4.3) the norm is a
 * constant for the gradient ({@code stopGradient}): m and the direction learn, the norm's own derivative is dropped.
 * While training with dropout, the x·Wᵀ term uses the dropped input, as PEFT does.
 */
public final class DoraLayer implements LinearHook {

    private final LinearLayer layer;
    private final Operand<TFloat32> loraA;
    private final Operand<TFloat32> loraB;
    private final Operand<TFloat32> magnitude;
    private final float scaling;
    private final Dropout dropout;

    /**
     * @param layer     the base layer: its weight ([out, in], or [in, out] when fan-in-fan-out) and bias
     * @param magnitude m [out]
     */
    public DoraLayer(LinearLayer layer, Operand<TFloat32> loraA, Operand<TFloat32> loraB, Operand<TFloat32> magnitude,
            double scaling, Dropout dropout) {
        this.layer = layer;
        this.loraA = loraA;
        this.loraB = loraB;
        this.magnitude = magnitude;
        this.scaling = (float) scaling;
        this.dropout = dropout;
    }

    /** @param baseOutput {@code x·Wᵀ + bias}, as the host computes the frozen layer */
    @Override
    public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> input, Operand<TFloat32> baseOutput) {
        Operand<TFloat32> x = dropout.apply(tf, input);
        Operand<TFloat32> s = tf.constant(scaling);
        Operand<TFloat32> weight = layer.fanInFanOut()
                ? tf.linalg.transpose(layer.weight(), tf.constant(new int[] {1, 0}))
                : layer.weight();
        Operand<TFloat32> direction = tf.math.add(weight, tf.math.mul(tf.linalg.matMul(loraB, loraA), s));
        Operand<TFloat32> norm = tf.stopGradient(tf.math.sqrt(tf.reduceSum(tf.math.square(direction), tf.constant(1))));
        Operand<TFloat32> k = tf.math.div(magnitude, norm);

        Operand<TFloat32> withoutBias = layer.bias() == null ? baseOutput : tf.math.sub(baseOutput, layer.bias());
        Operand<TFloat32> baseTerm = dropout.select(tf, tf.linalg.matMul(x, weight, MatMul.transposeB(true)), withoutBias);
        Operand<TFloat32> lora = LoraLayer.update(tf, x, loraA, loraB, scaling);
        Operand<TFloat32> correction = tf.math.add(
                tf.math.mul(tf.math.sub(k, tf.constant(1f)), baseTerm),
                tf.math.mul(k, lora));
        return tf.math.add(baseOutput, correction);
    }
}
