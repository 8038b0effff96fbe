package dev.peft4j.bench.model;

import static org.assertj.core.api.Assertions.assertThat;

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
    void theSameStepGivesTheSameBatchAndThePoolCycles() {
        TokenBatches batches = new TokenBatches(shape, 7, 2);
        assertThat(batches.at(1).inputs()).containsExactly(new TokenBatches(shape, 7, 2).at(1).inputs());
        assertThat(batches.at(2).inputs()).containsExactly(batches.at(0).inputs());
        assertThat(batches.at(1).inputs()).isNotEqualTo(batches.at(0).inputs());
    }
}
