package dev.peft4j.core.pretrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.peft4j.core.config.InvalidSettingsException;
import dev.peft4j.core.model.Head;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TokenMaskerTest {

    private static final int PAD = 0;
    private static final int CLS = 101;
    private static final int SEP = 102;
    private static final int MASK = 103;
    private static final int VOCAB = 1000;
    private static final TokenMasker MASKER = new TokenMasker(new MaskingSettings(0.15, 0.8, 0.1), MASK, VOCAB,
            Set.of(PAD, CLS, SEP, MASK));

    /** Rows of [CLS] text [SEP] with text ids in [200, 1000), [SEP] also inside, as between documents. */
    private static int[] rows(int count, int length, long seed) {
        Random random = new Random(seed);
        int[] ids = new int[count * length];
        for (int r = 0; r < count; r++) {
            for (int t = 0; t < length; t++) {
                ids[r * length + t] = t == 0 ? CLS : t == length - 1 || t % 40 == 39 ? SEP : 200 + random.nextInt(800);
            }
        }
        return ids;
    }

    @Test
    void fifteenPercentOfTheTextIsSelectedAndEightyTenTenCorrupted() {
        int length = 128;
        int[] original = rows(400, length, 1);
        int[] ids = original.clone();
        int[] labels = new int[ids.length];
        for (int r = 0; r < 400; r++) {
            MASKER.mask(ids, labels, r * length, length, new SplittableRandom(r));
        }

        long text = Arrays.stream(original).filter(id -> id >= 200).count();
        long selected = 0;
        long masked = 0;
        long replaced = 0;
        long kept = 0;
        for (int p = 0; p < ids.length; p++) {
            if (labels[p] == Head.IGNORE_INDEX) {
                assertThat(ids[p]).as("an unselected token stays").isEqualTo(original[p]);
                continue;
            }
            assertThat(labels[p]).as("the label is the original token").isEqualTo(original[p]);
            selected++;
            if (ids[p] == MASK) {
                masked++;
            } else if (ids[p] == original[p]) {
                kept++;
            } else {
                replaced++;
            }
        }
        assertThat((double) selected / text).isCloseTo(0.15, within(0.01));
        assertThat((double) masked / selected).isCloseTo(0.8, within(0.025));
        assertThat((double) replaced / selected).isCloseTo(0.1, within(0.02));
        assertThat((double) kept / selected).isCloseTo(0.1, within(0.02));
    }

    @Test
    void specialTokensAreNeverSelectedAndPaddingIsNotTouched() {
        int length = 64;
        int real = 40;
        int[] ids = rows(300, length, 2);
        for (int r = 0; r < 300; r++) {
            Arrays.fill(ids, r * length + real, (r + 1) * length, PAD);
        }
        int[] original = ids.clone();
        int[] labels = new int[ids.length];
        Arrays.fill(labels, 7);
        for (int r = 0; r < 300; r++) {
            MASKER.mask(ids, labels, r * length, real, new SplittableRandom(r));
        }

        for (int p = 0; p < ids.length; p++) {
            boolean padding = p % length >= real;
            if (padding) {
                assertThat(ids[p]).isEqualTo(PAD);
                assertThat(labels[p]).as("past the row's length the masker writes nothing").isEqualTo(7);
            } else if (original[p] < 200) {
                assertThat(labels[p]).as("special token %d at %d", original[p], p).isEqualTo(Head.IGNORE_INDEX);
                assertThat(ids[p]).isEqualTo(original[p]);
            }
        }
    }

    @Test
    void theSameSeedMasksTheSameWayAndAnotherSeedOtherwise() {
        int[] a = rows(1, 128, 3);
        int[] b = a.clone();
        int[] c = a.clone();
        int[] la = new int[128];
        int[] lb = new int[128];
        int[] lc = new int[128];

        MASKER.mask(a, la, 0, 128, new SplittableRandom(5));
        MASKER.mask(b, lb, 0, 128, new SplittableRandom(5));
        MASKER.mask(c, lc, 0, 128, new SplittableRandom(6));

        assertThat(b).isEqualTo(a);
        assertThat(lb).isEqualTo(la);
        assertThat(lc).isNotEqualTo(la);
    }

    @Test
    void fractionsThatDoNotFitAreRefusedWithTheirKeys() {
        assertThatThrownBy(() -> new MaskingSettings(0.15, 0.8, 0.3))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("pretrain.masking.random-fraction");
        assertThatThrownBy(() -> new MaskingSettings(0, 0.8, 0.1))
                .hasMessageContaining("pretrain.masking.probability");
    }
}
