package dev.peft4j.core.model.layers;

import dev.peft4j.core.model.Precision;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.train.BatchMatMul;
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

    /** Batched {@code a · b} or {@code a · bᵀ} over leading dimensions. */
    public Operand<TFloat32> batchMatMul(Operand<TFloat32> a, Operand<TFloat32> b, boolean adjointB) {
        return batchMatMul(type, a, b, adjointB);
    }

    private <T extends TFloating> Operand<TFloat32> matMul(Class<T> t, Operand<TFloat32> a, Operand<TFloat32> b,
            boolean transposeB) {
        if (t == TFloat32.class) {
            return tf.linalg.matMul(a, b, MatMul.transposeB(transposeB));
        }
        return up(tf.linalg.matMul(down(a, t), down(b, t), MatMul.transposeB(transposeB)));
    }

    private <T extends TFloating> Operand<TFloat32> batchMatMul(Class<T> t, Operand<TFloat32> a, Operand<TFloat32> b,
            boolean adjointB) {
        if (t == TFloat32.class) {
            return tf.train.batchMatMul(a, b, TFloat32.class, BatchMatMul.adjY(adjointB));
        }
        return up(tf.train.batchMatMul(down(a, t), down(b, t), t, BatchMatMul.adjY(adjointB)));
    }

    private <T extends TFloating> Operand<T> down(Operand<TFloat32> x, Class<T> t) {
        return tf.dtypes.cast(x, t);
    }

    private Operand<TFloat32> up(Operand<? extends TFloating> x) {
        return tf.dtypes.cast(x, TFloat32.class);
    }
}
