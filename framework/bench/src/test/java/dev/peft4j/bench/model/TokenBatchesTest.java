package dev.peft4j.bench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TokenBatchesTest {

    private final GptShape shape = GptShape.gpt2Small(1, 3, 16);

    @Test
    void labelsAreTheNextTokenOfEachSequence() {
        TokenBatch batch = new TokenBatches(shape, 7, 4).at(0);
        for (int row = 0; row < 3; row++) {
            for (int t = 0; t + 1 < 16; t++) {
                assertThat(batch.labels()[row * 16 + t]).isEqualTo(batch.inputs()[row * 16 + t + 1]);
            }
        }
        assertThat(Arrays.stream(batch.inputs())).allMatch(id -> id >= 0 && id < shape.vocab());
    }

    @Test
    void aClassifierBatchHoldsOneClassPerRowAndNoNextTokens() {
        BertShape miniLm = BertShape.miniLm(4, 8);
        TokenBatch batch = new TokenBatches(miniLm, 7, 2).at(0);
        assertThat(batch.labels()).isNull();
        assertThat(batch.classes()).hasSize(4);
        assertThat(Arrays.stream(batch.classes())).allMatch(c -> c >= 0 && c < miniLm.classes());
        assertThat(batch.inputs()).hasSize(4 * 8);
        assertThat(Arrays.stream(batch.inputs())).allMatch(id -> id >= 0 && id < miniLm.vocab());
    }

    @Test
    void aBatchCarriesExactlyOneKindOfTarget() {
        assertThatThrownBy(() -> new TokenBatch(1, 2, new int[2], new int[2], new int[1]))
                .hasMessageContaining("exactly one");
    }

    @Test
    void theSameStepGivesTheSameBatchAndThePoolCycles() {
        TokenBatches batches = new TokenBatches(shape, 7, 2);
        assertThat(batches.at(1).inputs()).containsExactly(new TokenBatches(shape, 7, 2).at(1).inputs());
        assertThat(batches.at(2).inputs()).containsExactly(batches.at(0).inputs());
        assertThat(batches.at(1).inputs()).isNotEqualTo(batches.at(0).inputs());
    }
}
