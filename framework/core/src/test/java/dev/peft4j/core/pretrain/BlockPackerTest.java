package dev.peft4j.core.pretrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peft4j.core.data.DataException;
import dev.peft4j.core.importer.MiniLmFixture;
import dev.peft4j.core.safetensors.SharedDir;
import dev.peft4j.core.tokenizer.HfTokenizer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockPackerTest {

    private static final int[] NONE = {};

    @TempDir
    Path work;

    @Test
    void maskedLmBlocksAreWrappedAndDocumentsSeparatedAndTheLastShorterBlockIsKept() {
        BlockLayout bert = new BlockLayout(8, new int[] {1}, new int[] {2}, NONE, NONE, new int[] {2}, 0);
        try (BlockStore store = BlockStore.create(work, 8, "test")) {
            BlockPacker packer = new BlockPacker(bert, store, 100);
            packer.add(new int[] {10, 11, 12}, "a:1");
            packer.add(new int[] {20, 21, 22, 23, 24}, "a:2");
            packer.add(new int[] {30}, "a:3");
            packer.finish();

            assertThat(store.size()).isEqualTo(2);
            assertThat(store.read(0)).containsExactly(1, 10, 11, 12, 2, 20, 21, 2);
            assertThat(store.read(1)).containsExactly(1, 22, 23, 24, 2, 30, 2);
            assertThat(store.tokens()).isEqualTo(15);
        }
    }

    @Test
    void causalLmDocumentsAreWrappedAndEndWithTheirEndOfTextToken() {
        BlockLayout llama = new BlockLayout(4, NONE, NONE, new int[] {5}, new int[] {9}, NONE, 0);
        try (BlockStore store = BlockStore.create(work, 4, "test")) {
            BlockPacker packer = new BlockPacker(llama, store, 100);
            packer.add(new int[] {10, 11}, "a:1");
            packer.add(new int[] {20}, "a:2");
            packer.finish();

            assertThat(store.read(0)).containsExactly(5, 10, 11, 9);
            assertThat(store.read(1)).containsExactly(5, 20, 9);
        }
    }

    @Test
    void aBatchPadsTheShorterBlockAndMasksItsPadding() {
        BlockLayout gpt2 = new BlockLayout(4, NONE, NONE, NONE, new int[] {9}, NONE, 7);
        try (BlockStore store = BlockStore.create(work, 4, "test")) {
            BlockPacker packer = new BlockPacker(gpt2, store, 100);
            packer.add(new int[] {10, 11, 12, 13, 14}, "a:1");
            packer.finish();

            BlockBatch batch = new BlockSource(store, 7).batch(new int[] {1, 0});
            assertThat(batch.length()).isEqualTo(4);
            assertThat(batch.ids()).containsExactly(14, 9, 7, 7, 10, 11, 12, 13);
            assertThat(batch.attentionMask()).containsExactly(1, 1, 0, 0, 1, 1, 1, 1);
            assertThat(batch.tokenCount()).isEqualTo(6);
            assertThat(batch.block(0)).isEqualTo(1);
        }
    }

    @Test
    void aTokenBeyondTheModelsVocabularyNamesTheDocument() {
        BlockLayout layout = new BlockLayout(4, NONE, NONE, NONE, NONE, NONE, 0);
        try (BlockStore store = BlockStore.create(work, 4, "test")) {
            BlockPacker packer = new BlockPacker(layout, store, 50);

            assertThatThrownBy(() -> packer.add(new int[] {3, 50}, "notes.txt:7"))
                    .isInstanceOf(DataException.class)
                    .hasMessageContaining("notes.txt:7", "token id 50", "vocabulary of 50");
        }
    }

    @Test
    void layoutsFollowWhatTheTokenizerPutsAroundATextAndItsEndOfTextToken() {
        try (HfTokenizer bert = HfTokenizer.open(MiniLmFixture.checkpoint().dir());
                HfTokenizer gpt2 = HfTokenizer.open(SharedDir.resolve("models/tiny-gpt2"))) {
            BlockLayout masked = BlockLayout.of(Objective.MASKED_LM, bert, 128);
            assertThat(masked.blockStart()).containsExactly(101);
            assertThat(masked.blockEnd()).containsExactly(102);
            assertThat(masked.separator()).containsExactly(102);
            assertThat(masked.documentEnd()).isEmpty();
            assertThat(masked.capacity()).isEqualTo(126);

            BlockLayout causal = BlockLayout.of(Objective.CAUSAL_LM, gpt2, 64);
            assertThat(causal.blockStart()).isEmpty();
            assertThat(causal.documentStart()).isEmpty();
            assertThat(causal.documentEnd()).containsExactly(50256);
            assertThat(causal.capacity()).isEqualTo(64);
            assertThat(bert.maskId()).hasValue(103);
            assertThat(gpt2.maskId()).isEmpty();
            assertThat(bert.specialIds()).contains(0L, 100L, 101L, 102L, 103L);
        }
    }
}
