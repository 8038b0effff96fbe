package dev.peft4j.core.data.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peft4j.core.data.report.ConflictExample;
import dev.peft4j.core.data.store.TestStores;
import dev.peft4j.core.data.store.TextStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeduplicatorTest {

    @TempDir
    Path dir;

    private DedupResult run(DedupMode mode, ConflictPolicy policy, String... rows) {
        try (TextStore store = TestStores.classRows(dir, mode, rows)) {
            return new Deduplicator(new DedupSettings(mode, policy), 10)
                    .deduplicate(TestStores.all(store), store, row -> String.valueOf(store.rows().classIndex(row)));
        }
    }

    @Test
    void sameTextSameLabelKeepsTheFirstRow() {
        DedupResult result = run(DedupMode.EXACT, ConflictPolicy.DROP_ALL, "a=0", "b=1", "a=0", "a=0", "c=1");

        assertThat(result.kept()).containsExactly(0, 1, 4);
        assertThat(result.duplicates()).isEqualTo(2);
        assertThat(result.conflictGroups()).isZero();
    }

    @Test
    void conflictsAreDroppedEntirelyUnderDropAll() {
        DedupResult result = run(DedupMode.EXACT, ConflictPolicy.DROP_ALL, "a=0", "a=1", "b=1", "a=0");

        assertThat(result.kept()).containsExactly(2);
        assertThat(result.conflictGroups()).isEqualTo(1);
        assertThat(result.conflictDropped()).isEqualTo(3);
        ConflictExample example = result.conflictExamples().get(0);
        assertThat(example.ids()).containsExactly("t:1", "t:2", "t:4");
        assertThat(example.labels()).containsExactly("0", "1", "0");
        assertThat(example.resolution()).isEqualTo("all dropped");
    }

    @Test
    void majorityKeepsTheFirstRowOfTheMostFrequentLabelAndTiesDropTheGroup() {
        assertThat(run(DedupMode.EXACT, ConflictPolicy.MAJORITY, "a=1", "a=0", "a=0", "z=1").kept())
                .containsExactly(1, 3);
        assertThat(run(DedupMode.EXACT, ConflictPolicy.MAJORITY, "a=1", "a=0", "z=1").kept()).containsExactly(2);
    }

    @Test
    void firstKeepsTheFirstRowWhateverItsLabel() {
        assertThat(run(DedupMode.EXACT, ConflictPolicy.FIRST, "z=0", "a=1", "a=0", "a=0").kept())
                .containsExactly(0, 1);
    }

    @Test
    void normalizedModeTreatsCaseAndPunctuationVariantsAsTheSameText() {
        assertThat(run(DedupMode.EXACT, ConflictPolicy.FIRST, "Hello, World!=0", "hello world=0").kept())
                .containsExactly(0, 1);
        assertThat(run(DedupMode.NORMALIZED, ConflictPolicy.FIRST, "Hello, World!=0", "hello   world=0").kept())
                .containsExactly(0);
    }

    @Test
    void noneKeepsEveryRow() {
        assertThat(run(DedupMode.NONE, ConflictPolicy.DROP_ALL, "a=0", "a=1", "a=0").kept()).containsExactly(0, 1, 2);
    }

    @Test
    void pairKeysSeparateTextAndPair() {
        TextKeys keys = new TextKeys(DedupMode.EXACT);
        assertThat(keys.key("ab", "c")).isNotEqualTo(keys.key("a", "bc"));
        assertThat(keys.key("ab", null)).isEqualTo(keys.key("ab", null));
    }
}
