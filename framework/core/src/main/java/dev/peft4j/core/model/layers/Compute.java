package dev.peft4j.core.model.layers;

import dev.peft4j.core.model.Precision;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/** Matrix products in the configured {@link Precision}: fp32 in and out, lower precision inside. */
public final class Compute {

    private final Ops tf;
    private final Class<? extends TFloating> type;

    public Compute(Ops tf, Precision precision) {
        this.tf = tf;
        this.type = switch (precision) {
            case FP32 -> TFloat32.class;
            case BF16 -> TBfloat16.class;
            case FP16 -> TFloat16.class;
        };
    }

    /** {@code a · b} or {@code a · bᵀ} for 2-D operands. */
    public Operand<TFloat32> matMul(Operand<TFloat32> a, Operand<TFloat32> b, boolean transposeB) {
        return matMul(type, a, b, transposeB);
    }

    /**
     * A two-operand {@code Einsum}. On CPU, oneDNN runs Einsum as its batched product ({@code _MklEinsum}), where the
     * plain {@code BatchMatMulV3} falls back to Eigen at a fraction of the speed on attention's small batched shapes.
     */
    public Operand<TFloat32> einsum(String equation, Operand<TFloat32> a, Operand<TFloat32> b) {
        return einsum(type, equation, a, b);
    }

    private <T extends TFloating> Operand<TFloat32> einsum(Class<T> t, String equation, Operand<TFloat32> a,
            Operand<TFloat32> b) {
        if (t == TFloat32.class) {
            return tf.linalg.einsum(List.of(a, b), equation);
        }
        return up(tf.linalg.einsum(List.of(down(a, t), down(b, t)), equation));
    }

    private <T extends TFloating> Operand<TFloat32> matMul(Class<T> t, Operand<TFloat32> a, Operand<TFloat32> b,
            boolean transposeB) {
        if (t == TFloat32.class) {
            return tf.linalg.matMul(a, b, MatMul.transposeB(transposeB));
        }
        return up(tf.linalg.matMul(down(a, t), down(b, t), MatMul.transposeB(transposeB)));
    }

    private <T extends TFloating> Operand<T> down(Operand<TFloat32> x, Class<T> t) {
        return tf.dtypes.cast(x, t);
    }

    private Operand<TFloat32> up(Operand<? extends TFloating> x) {
        return tf.dtypes.cast(x, TFloat32.class);
    }
}
