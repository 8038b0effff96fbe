package dev.peft4j.core.data.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peft4j.core.data.DataException;
import dev.peft4j.core.data.dedup.DedupMode;
import dev.peft4j.core.data.report.Overlap;
import dev.peft4j.core.data.store.TestStores;
import dev.peft4j.core.data.store.TextStore;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverlapResolverTest {

    @TempDir
    Path dir;

    private TextStore store;
    private final Map<SplitName, int[]> splits = new EnumMap<>(SplitName.class);

    @BeforeEach
    void rows() {
        // train: a b c d; validation: c e; test: d e f
        store = TestStores.classRows(dir, DedupMode.EXACT, "a=0", "b=0", "c=0", "d=0", "c=0", "e=0", "d=1", "e=0",
                "f=0");
        splits.put(SplitName.TRAIN, new int[] {0, 1, 2, 3});
        splits.put(SplitName.VALIDATION, new int[] {4, 5});
        splits.put(SplitName.TEST, new int[] {6, 7, 8});
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void dropFromTrainMakesTheEarlierSplitYield() {
        OverlapResolver.Result result = new OverlapResolver(OverlapPolicy.DROP_FROM_TRAIN, 5).resolve(splits, store);

        assertThat(result.splits().get(SplitName.TRAIN)).containsExactly(0, 1);
        assertThat(result.splits().get(SplitName.VALIDATION)).containsExactly(4);
        assertThat(result.splits().get(SplitName.TEST)).containsExactly(6, 7, 8);
        assertThat(result.overlaps()).extracting(Overlap::earlier, Overlap::later, Overlap::rows, Overlap::dropped)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("validation", "test", 1L, 1L),
                        org.assertj.core.groups.Tuple.tuple("train", "test", 1L, 1L),
                        org.assertj.core.groups.Tuple.tuple("train", "validation", 1L, 1L));
        assertThat(result.overlaps().get(1).examples().get(0))
                .isEqualTo(new Overlap.Example("t:4", "t:7", "d"));
    }

    @Test
    void reportOnlyKeepsEveryRowButCountsTheOverlaps() {
        OverlapResolver.Result result = new OverlapResolver(OverlapPolicy.REPORT_ONLY, 5).resolve(splits, store);

        assertThat(result.splits().get(SplitName.TRAIN)).containsExactly(0, 1, 2, 3);
        assertThat(result.overlaps()).extracting(Overlap::rows).containsExactly(1L, 1L, 1L);
        assertThat(result.overlaps()).extracting(Overlap::dropped).containsOnly(0L);
    }

    @Test
    void failNamesBothRows() {
        assertThatThrownBy(() -> new OverlapResolver(OverlapPolicy.FAIL, 5).resolve(splits, store))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("t:6 (validation) and t:8 (test) have the same text 'e'");
    }
}
