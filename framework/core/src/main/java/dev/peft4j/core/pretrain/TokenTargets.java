package dev.peft4j.core.pretrain;

import dev.peft4j.core.data.Seeds;
import dev.peft4j.core.model.Batch;
import dev.peft4j.core.model.Head;
import dev.peft4j.core.model.Labels;
import dev.peft4j.core.train.ForwardMode;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Turns blocks into the model's inputs and labels for one objective. */
public interface TokenTargets {

    /** The model batch of {@code blocks}: inputs (masked for a masked LM) and labels. */
    Batch toModelBatch(BlockBatch blocks, ForwardMode mode);

    /** Causal LM: the inputs are the labels (the model shifts them); padding is ignored. */
    static TokenTargets nextToken() {
        return (blocks, mode) -> {
            int[] labels = blocks.ids().clone();
            int[] mask = blocks.attentionMask();
            for (int i = 0; i < labels.length; i++) {
                if (mask[i] == 0) {
                    labels[i] = Head.IGNORE_INDEX;
                }
            }
            return new Batch(blocks.size(), blocks.length(), blocks.ids(), mask, null, new Labels.Tokens(labels));
        };
    }

    /**
     * Masked LM. A training batch is masked afresh each time it is drawn (dynamic masking, as transformers' collator),
     * from the seed of its forward pass, so a resumed run masks as an uninterrupted one; a held-out block is always
     * masked the same way, from its index, so that losses before and after training compare.
     */
    static TokenTargets masked(TokenMasker masker, long seed) {
        long training = Seeds.generator(seed, "pretrain-training-masks").nextLong();
        long heldOut = Seeds.generator(seed, "pretrain-held-out-masks").nextLong();
        return (blocks, mode) -> {
            int[] ids = blocks.ids().clone();
            int[] labels = new int[ids.length];
            int[] mask = blocks.attentionMask();
            int length = blocks.length();
            for (int row = 0; row < blocks.size(); row++) {
                long rowSeed = mode.training() ? mix(mix(training, mode.seed()), row) : mix(heldOut, blocks.block(row));
                int real = 0;
                while (real < length && mask[row * length + real] == 1) {
                    real++;
                }
                Arrays.fill(labels, row * length, (row + 1) * length, Head.IGNORE_INDEX);
                masker.mask(ids, labels, row * length, real, new SplittableRandom(rowSeed));
            }
            return new Batch(blocks.size(), length, ids, mask, null, new Labels.Tokens(labels));
        };
    }

    /** SplitMix64's finaliser over a combination, so neighbouring rows and seeds give unrelated masks. */
    private static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
