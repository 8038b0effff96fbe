package dev.peft4j.core.model.surgery;

import dev.peft4j.spi.FloatTensor;
import dev.peft4j.spi.method.Capability;
import dev.peft4j.spi.method.LinearLayer;
import dev.peft4j.spi.method.MergeContext;
import dev.peft4j.spi.method.MethodKind;
import dev.peft4j.spi.method.ModelSurgery;
import dev.peft4j.spi.method.TuningMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * A test-only additive low-rank method (LoRA without scaling or dropout): output = base + x·Aᵀ·Bᵀ with A [r, in]
 * random and B [out, r] zero, on the architecture's default target modules.
 */
public final class ToyLowRankMethod implements TuningMethod {

    static final String PREFIX = "toy_";

    private final int rank;
    private final long seed;
    private final List<LinearLayer> wrapped = new ArrayList<>();

    public ToyLowRankMethod(int rank, long seed) {
        this.rank = rank;
        this.seed = seed;
    }

    @Override
    public MethodKind kind() {
        return MethodKind.LAYER_INJECTION;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.IDENTITY_AT_INIT, Capability.MERGEABLE);
    }

    @Override
    public String prefix() {
        return PREFIX;
    }

    @Override
    public void inject(ModelSurgery surgery) {
        Random random = new Random(seed);
        for (LinearLayer layer : surgery.linearLayers()) {
            if (!surgery.defaultTargetModules().contains(layer.shortName())) {
                continue;
            }
            FloatTensor a = FloatTensor.zeros(rank, layer.inFeatures());
            for (int i = 0; i < a.data().length; i++) {
                a.data()[i] = (float) (random.nextGaussian() * 0.5);
            }
            Variable<TFloat32> va = surgery.addVariable(layer.name() + ".toy_A.weight", a);
            Variable<TFloat32> vb = surgery.addVariable(layer.name() + ".toy_B.weight",
                    FloatTensor.zeros(layer.outFeatures(), rank));
            surgery.wrapLinear(layer, (tf, x, base) -> {
                Operand<TFloat32> down = tf.linalg.matMul(x, va, MatMul.transposeB(true));
                return tf.math.add(base, tf.linalg.matMul(down, vb, MatMul.transposeB(true)));
            });
            wrapped.add(layer);
        }
    }

    @Override
    public Map<String, Object> adapterConfig() {
        return Map.of("peft_type", "TOY", "r", rank);
    }

    /** W += B·A, transposed for Conv1D layers stored [in, out]. */
    @Override
    public void merge(MergeContext context) {
        for (LinearLayer layer : wrapped) {
            FloatTensor a = context.variable(layer.name() + ".toy_A.weight");
            FloatTensor b = context.variable(layer.name() + ".toy_B.weight");
            FloatTensor w = context.baseWeight(layer.name() + ".weight");
            float[] merged = w.data().clone();
            int in = layer.inFeatures();
            int out = layer.outFeatures();
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    float delta = 0;
                    for (int k = 0; k < rank; k++) {
                        delta += b.data()[o * rank + k] * a.data()[k * in + i];
                    }
                    merged[layer.fanInFanOut() ? i * out + o : o * in + i] += delta;
                }
            }
            context.replaceBaseWeight(layer.name() + ".weight", new FloatTensor(w.shape(), merged));
        }
    }
}
