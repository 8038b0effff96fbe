package dev.peft4j.core.pretrain;

import dev.peft4j.core.model.Head;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * BERT's masking, as transformers' {@code DataCollatorForLanguageModeling}: every text token is selected with the
 * masking probability (special tokens and padding never are); a selected token becomes the mask token, a random token
 * or stays, by the masking fractions (80/10/10 by default); the labels hold the original token at the selected
 * positions and {@link Head#IGNORE_INDEX} elsewhere, so the loss counts the selected tokens alone.
 */
public final class TokenMasker {

    private final MaskingSettings settings;
    private final int maskId;
    private final int vocabSize;
    private final boolean[] special;

    /**
     * @param vocabSize  random replacements are drawn from [0, vocabSize)
     * @param specialIds ids never selected (the tokenizer's special tokens, padding among them)
     */
    public TokenMasker(MaskingSettings settings, int maskId, int vocabSize, Set<Integer> specialIds) {
        if (maskId < 0 || maskId >= vocabSize) {
            throw new IllegalArgumentException("the mask token id " + maskId + " is outside the vocabulary of "
                    + vocabSize);
        }
        this.settings = settings;
        this.maskId = maskId;
        this.vocabSize = vocabSize;
        this.special = new boolean[vocabSize];
        for (int id : specialIds) {
            if (id >= 0 && id < vocabSize) {
                special[id] = true;
            }
        }
    }

    /**
     * Masks one row in place.
     *
     * @param ids    token ids, replaced where masked
     * @param labels receives the original token at each selected position, {@link Head#IGNORE_INDEX} elsewhere
     * @param from   the row's first position in both arrays
     * @param length the row's real tokens (padding after them is not touched but labelled ignored by the caller)
     */
    public void mask(int[] ids, int[] labels, int from, int length, RandomGenerator random) {
        for (int p = from; p < from + length; p++) {
            int token = ids[p];
            labels[p] = Head.IGNORE_INDEX;
            if (token < special.length && special[token] || random.nextDouble() >= settings.probability()) {
                continue;
            }
            labels[p] = token;
            double corruption = random.nextDouble();
            if (corruption < settings.maskFraction()) {
                ids[p] = maskId;
            } else if (corruption < settings.maskFraction() + settings.randomFraction()) {
                ids[p] = random.nextInt(vocabSize);
            }
        }
    }
}
