package dev.peft4j.plugins.lora.weights;

import dev.peft4j.spi.FloatTensor;
import java.util.List;

/**
 * Combines several adapters' factors on one layer into one adapter, as PEFT's {@code add_weighted_adapter} does.
 * The result has scaling 1 (PEFT saves it with {@code lora_alpha = r}, {@code use_rslora = false}).
 */
public final class LoraCombination {

    private LoraCombination() {
    }

    /**
     * PEFT's {@code combination_type="linear"}: with vᵢ = sqrt(wᵢ · sᵢ), A = Σ vᵢ·Aᵢ and B = Σ vᵢ·Bᵢ. The ranks must be
     * equal. B·A then holds cross terms (vᵢvⱼ·Bᵢ·Aⱼ): it is the weighted sum of the updates only for a single adapter;
     * use {@link #concatenate} for an exact sum.
     */
    public static LoraFactors linear(List<LoraFactors> adapters, List<Double> weights) {
        check(adapters, weights);
        int rank = adapters.get(0).rank();
        int in = adapters.get(0).inFeatures();
        int out = adapters.get(0).outFeatures();
        float[] a = new float[rank * in];
        float[] b = new float[out * rank];
        for (int i = 0; i < adapters.size(); i++) {
            LoraFactors adapter = adapters.get(i);
            if (adapter.rank() != rank) {
                throw new IllegalArgumentException("a linear combination needs adapters of equal rank, got ranks "
                        + adapters.stream().map(LoraFactors::rank).toList() + "; concatenate them instead");
            }
            double product = weights.get(i) * adapter.scaling();
            if (product < 0) {
                throw new IllegalArgumentException("a linear combination needs weight × scaling >= 0 for every adapter "
                        + "(it takes their square root), got " + product + " for adapter " + i
                        + "; concatenate for negative weights");
            }
            double v = Math.sqrt(product);
            addScaled(a, adapter.a(), v);
            addScaled(b, adapter.b(), v);
        }
        return new LoraFactors(new FloatTensor(new long[] {rank, in}, a), new FloatTensor(new long[] {out, rank}, b), 1.0);
    }

    /**
     * PEFT's {@code combination_type="cat"}: A stacks the rows wᵢ·sᵢ·Aᵢ, B the columns Bᵢ, so the rank is Σ rᵢ and
     * B·A = Σ wᵢ·sᵢ·Bᵢ·Aᵢ exactly.
     */
    public static LoraFactors concatenate(List<LoraFactors> adapters, List<Double> weights) {
        check(adapters, weights);
        int in = adapters.get(0).inFeatures();
        int out = adapters.get(0).outFeatures();
        int rank = adapters.stream().mapToInt(LoraFactors::rank).sum();
        float[] a = new float[rank * in];
        float[] b = new float[out * rank];
        int offset = 0;
        for (int i = 0; i < adapters.size(); i++) {
            LoraFactors adapter = adapters.get(i);
            float[] scaledA = Matrices.scale(adapter.a(), weights.get(i) * adapter.scaling()).data();
            System.arraycopy(scaledA, 0, a, offset * in, scaledA.length);
            float[] bi = adapter.b().data();
            for (int row = 0; row < out; row++) {
                System.arraycopy(bi, row * adapter.rank(), b, row * rank + offset, adapter.rank());
            }
            offset += adapter.rank();
        }
        return new LoraFactors(new FloatTensor(new long[] {rank, in}, a), new FloatTensor(new long[] {out, rank}, b), 1.0);
    }

    private static void check(List<LoraFactors> adapters, List<Double> weights) {
        if (adapters.isEmpty() || adapters.size() != weights.size()) {
            throw new IllegalArgumentException("combining adapters needs one weight per adapter, got "
                    + adapters.size() + " adapters and " + weights.size() + " weights");
        }
        LoraFactors first = adapters.get(0);
        for (LoraFactors adapter : adapters) {
            if (adapter.inFeatures() != first.inFeatures() || adapter.outFeatures() != first.outFeatures()) {
                throw new IllegalArgumentException("adapters on one layer must share its shape, got "
                        + first.outFeatures() + "x" + first.inFeatures() + " and "
                        + adapter.outFeatures() + "x" + adapter.inFeatures());
            }
        }
    }

    private static void addScaled(float[] target, FloatTensor term, double factor) {
        float[] source = term.data();
        for (int i = 0; i < target.length; i++) {
            target[i] += (float) (source[i] * factor);
        }
    }
}
