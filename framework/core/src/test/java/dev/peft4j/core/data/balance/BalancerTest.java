package dev.peft4j.core.data.balance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peft4j.core.data.Seeds;
import dev.peft4j.core.data.dedup.DedupMode;
import dev.peft4j.core.data.store.TestStores;
import dev.peft4j.core.data.store.TextStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BalancerTest {

    @TempDir
    Path dir;

    private TextStore store;
    private int[] rows;

    @BeforeEach
    void imbalanced() {
        // 10 of class 0, 4 of class 1, 1 of class 2
        String[] entries = IntStream.range(0, 15).mapToObj(i -> "t" + i + "=" + (i < 10 ? 0 : i < 14 ? 1 : 2))
                .toArray(String[]::new);
        store = TestStores.classRows(dir, DedupMode.EXACT, entries);
        rows = TestStores.all(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private int[] balance(BalanceStrategy strategy, long seed) {
        return Balancer.balance(strategy, rows, store.rows(), 3, Seeds.generator(seed, "balance"));
    }

    @Test
    void undersampleCutsEveryClassToTheSmallestWithoutRepeats() {
        int[] result = balance(BalanceStrategy.UNDERSAMPLE, 1);

        assertThat(Balancer.classCounts(result, store.rows(), 3)).containsExactly(1, 1, 1);
        assertThat(result).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void oversampleDrawsSmallerClassesUpToTheLargestKeepingEveryOriginal() {
        int[] result = balance(BalanceStrategy.OVERSAMPLE, 1);

        assertThat(Balancer.classCounts(result, store.rows(), 3)).containsExactly(10, 10, 10);
        assertThat(Arrays.copyOf(result, 15)).isEqualTo(rows);
        assertThat(Arrays.stream(result, 15, 21).boxed().toList()).allMatch(row -> row >= 10 && row < 14);
        assertThat(Arrays.stream(result, 21, 30).boxed().toList()).containsOnly(14);
    }

    @Test
    void sameSeedSameRowsOtherSeedOtherRows() {
        assertThat(balance(BalanceStrategy.OVERSAMPLE, 3)).isEqualTo(balance(BalanceStrategy.OVERSAMPLE, 3));
        assertThat(balance(BalanceStrategy.UNDERSAMPLE, 3)).isEqualTo(balance(BalanceStrategy.UNDERSAMPLE, 3));
        assertThat(IntStream.range(0, 20).mapToObj(seed -> Arrays.toString(balance(BalanceStrategy.UNDERSAMPLE, seed)))
                .distinct().count()).isGreaterThan(1);
    }

    @Test
    void noneAndClassWeightsKeepTheRows() {
        assertThat(balance(BalanceStrategy.NONE, 1)).isEqualTo(rows);
        assertThat(balance(BalanceStrategy.CLASS_WEIGHTS, 1)).isEqualTo(rows);
    }

    @Test
    void classWeightsAreTotalOverClassesTimesCount() {
        float[] weights = ClassWeights.fromCounts(new long[] {10, 4, 1, 0});

        assertThat(weights).containsExactly(15f / 30f, 15f / 12f, 15f / 3f, 0f);
        assertThat(ClassWeights.fromCounts(new long[] {5, 5})).containsExactly(1f, 1f);
    }
}
