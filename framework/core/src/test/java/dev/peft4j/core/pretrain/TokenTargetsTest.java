package dev.peft4j.core.pretrain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peft4j.core.model.Batch;
import dev.peft4j.core.model.Head;
import dev.peft4j.core.model.Labels;
import dev.peft4j.core.train.ForwardMode;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenTargetsTest {

    private static final int PAD = 0;

    /** Two blocks of 6 tokens, the second ending after 4 (a split's last block). */
    private static BlockBatch blocks(int firstBlock, int secondBlock) {
        int[] ids = {1, 50, 51, 52, 53, 2, 1, 60, 61, 2, PAD, PAD};
        int[] mask = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0};
        return new BlockBatch(new int[] {firstBlock, secondBlock}, 6, ids, mask, 10);
    }

    private static int[] firstRow(Batch batch) {
        return Arrays.copyOfRange(batch.inputIds(), 0, batch.length());
    }

    private static int[] labels(Batch batch) {
        return ((Labels.Tokens) batch.labels()).values();
    }

    @Test
    void causalTargetsAreTheInputsWithPaddingIgnored() {
        Batch batch = TokenTargets.nextToken().toModelBatch(blocks(0, 1), ForwardMode.training(3));

        assertThat(batch.inputIds()).containsExactly(1, 50, 51, 52, 53, 2, 1, 60, 61, 2, PAD, PAD);
        assertThat(labels(batch)).containsExactly(1, 50, 51, 52, 53, 2, 1, 60, 61, 2, -100, -100);
        assertThat(batch.attentionMask()).containsExactly(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0);
    }

    @Test
    void trainingMasksChangeWithEachForwardPassWhileHeldOutMasksFollowTheBlock() {
        // masking every text token makes each mask visible in the labels
        TokenMasker everything = new TokenMasker(new MaskingSettings(0.999999, 0.5, 0.5), 3, 100, Set.of(PAD, 1, 2, 3));
        TokenTargets targets = TokenTargets.masked(everything, 42);

        Batch once = targets.toModelBatch(blocks(0, 1), ForwardMode.training(7));
        Batch again = targets.toModelBatch(blocks(0, 1), ForwardMode.training(7));
        Batch next = targets.toModelBatch(blocks(0, 1), ForwardMode.training(8));
        assertThat(again.inputIds()).as("a resumed run redraws the same masks").isEqualTo(once.inputIds());
        assertThat(next.inputIds()).isNotEqualTo(once.inputIds());
        assertThat(labels(once)).containsExactly(-100, 50, 51, 52, 53, -100, -100, 60, 61, -100, -100, -100);

        Batch heldOut = targets.toModelBatch(blocks(4, 9), ForwardMode.inference());
        assertThat(targets.toModelBatch(blocks(4, 9), ForwardMode.inference()).inputIds())
                .as("held-out blocks are masked the same at every evaluation").isEqualTo(heldOut.inputIds());
        assertThat(firstRow(targets.toModelBatch(blocks(4, 5), ForwardMode.inference())))
                .as("by the block, whatever batch it is in").isEqualTo(firstRow(heldOut));
        assertThat(firstRow(targets.toModelBatch(blocks(5, 9), ForwardMode.inference())))
                .as("another block, another mask").isNotEqualTo(firstRow(heldOut));
        assertThat(labels(heldOut)).contains(Head.IGNORE_INDEX).doesNotContain(PAD);
    }
}
