package dev.peft4j.plugins.lora.weights;

import dev.peft4j.plugins.lora.settings.LoraInit;
import dev.peft4j.spi.FloatTensor;
import java.util.random.RandomGenerator;

/** Initial values of LoRA's variables. */
public final class LoraWeights {

    private LoraWeights() {
    }

    /**
     * A [rank, in]. Kaiming-uniform as PyTorch's {@code kaiming_uniform_(A, a=sqrt(5))} on a [rank, in] weight:
     * gain sqrt(2 / (1 + 5)), bound gain · sqrt(3 / in) = 1 / sqrt(in). Gaussian as PEFT: N(0, std = 1 / rank).
     */
    public static FloatTensor initialA(LoraInit init, int rank, int in, RandomGenerator random) {
        float[] values = new float[Math.multiplyExact(rank, in)];
        switch (init) {
            case KAIMING_UNIFORM -> {
                double bound = 1 / Math.sqrt(in);
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) random.nextDouble(-bound, bound);
                }
            }
            case GAUSSIAN -> {
                double std = 1.0 / rank;
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (random.nextGaussian() * std);
                }
            }
        }
        return new FloatTensor(new long[] {rank, in}, values);
    }

    /** B [out, rank], zero: an untrained adapter adds nothing. */
    public static FloatTensor initialB(int out, int rank) {
        return FloatTensor.zeros(out, rank);
    }

    /**
     * DoRA's initial magnitude [out]: the norm of each output feature's weights, ‖W[o, :]‖, which equals ‖W + s·B·A‖
     * while B is zero.
     *
     * @param weight the base weight as stored: [out, in], or [in, out] when {@code fanInFanOut}
     */
    public static FloatTensor initialMagnitude(FloatTensor weight, boolean fanInFanOut) {
        double[] norms = Matrices.rowNorms(fanInFanOut ? Matrices.transpose(weight) : weight);
        float[] values = new float[norms.length];
        for (int i = 0; i < norms.length; i++) {
            values[i] = (float) norms[i];
        }
        return new FloatTensor(new long[] {values.length}, values);
    }
}
