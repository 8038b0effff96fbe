package dev.peft4j.core.data.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextStoreTest {

    @TempDir
    Path dir;

    @Test
    void rowsReadBackExactlyInAnyOrderAcrossBufferFlushes() {
        List<StoredText> written = new ArrayList<>();
        try (TextStore store = new TextStore(dir)) {
            for (int i = 0; i < 3000; i++) {
                String text = "row " + i + " " + "\u00e9\u4e2d\uD83D\uDE00".repeat(i % 50);
                StoredText stored = new StoredText("f:" + i, text, i % 3 == 0 ? null : "pair " + i);
                written.add(stored);
                store.addTargetRow(stored, i / 7f, i, i);
            }
            StoredText huge = new StoredText("big", "x".repeat(200_000), "");
            int hugeRow = store.addClassRow(huge, 3, 9, 1);
            for (int i = 2999; i >= 0; i -= 7) {
                assertThat(store.text(i)).isEqualTo(written.get(i));
                assertThat(store.rows().target(i)).isEqualTo(i / 7f);
            }
            assertThat(store.text(hugeRow)).isEqualTo(huge);
            assertThat(store.rows().classIndex(hugeRow)).isEqualTo(3);
        }
    }

    @Test
    void closingDeletesTheTemporaryFile() throws Exception {
        TextStore store = new TextStore(dir);
        store.addClassRow(new StoredText("a", "b", null), 0, 0, 1);
        store.close();

        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void keyIndexGroupsEqualKeysInGivenOrder() {
        try (TextStore store = TestStores.classRows(dir, dev.peft4j.core.data.dedup.DedupMode.EXACT,
                "b=0", "a=0", "b=1", "c=0", "b=0")) {
            KeyIndex index = new KeyIndex(store.rows(), TestStores.all(store));

            assertThat(index.firstRow(store.rows().key(0))).isEqualTo(0);
            List<Integer> bRows = new ArrayList<>();
            for (int i = 0; i < index.size(); i++) {
                if (index.keyAt(i) == store.rows().key(0)) {
                    bRows.add(index.rowAt(i));
                }
            }
            assertThat(bRows).containsExactly(0, 2, 4);
            assertThat(index.contains(12345L)).isFalse();
        }
    }
}
