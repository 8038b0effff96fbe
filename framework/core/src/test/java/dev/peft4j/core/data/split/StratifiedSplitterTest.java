package dev.peft4j.core.data.split;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peft4j.core.data.Seeds;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StratifiedSplitterTest {

    private static final double[] RATIOS = {0.8, 0.1, 0.1};

    @Test
    void everyClassGetsItsShareInEveryPartWithinOneRow() {
        int[] classSizes = {747, 4827, 13, 1, 2, 10};
        int[] strata = IntStream.range(0, classSizes.length)
                .flatMap(c -> IntStream.generate(() -> c).limit(classSizes[c])).toArray();
        int[] rows = IntStream.range(0, strata.length).map(i -> 1000 + i).toArray();

        int[][] parts = StratifiedSplitter.split(rows, strata, RATIOS, Seeds.generator(7, "split"));

        for (int c = 0; c < classSizes.length; c++) {
            for (int p = 0; p < parts.length; p++) {
                final int cls = c;
                long count = Arrays.stream(parts[p]).filter(row -> strata[row - 1000] == cls).count();
                assertThat((double) count).as("class %d part %d", c, p)
                        .isCloseTo(classSizes[c] * RATIOS[p], org.assertj.core.data.Offset.offset(1.0));
            }
        }
        int[] all = IntStream.concat(IntStream.concat(IntStream.of(parts[0]), IntStream.of(parts[1])),
                IntStream.of(parts[2])).sorted().toArray();
        assertThat(all).isEqualTo(rows);
    }

    @Test
    void partsKeepTheGivenOrderAndTheSameSeedGivesTheSameSplit() {
        int[] rows = IntStream.range(0, 500).toArray();
        int[] strata = IntStream.range(0, 500).map(i -> i % 3).toArray();

        int[][] first = StratifiedSplitter.split(rows, strata, RATIOS, Seeds.generator(1, "split"));
        int[][] again = StratifiedSplitter.split(rows, strata, RATIOS, Seeds.generator(1, "split"));
        int[][] other = StratifiedSplitter.split(rows, strata, RATIOS, Seeds.generator(2, "split"));

        assertThat(again).isDeepEqualTo(first);
        assertThat(other[1]).isNotEqualTo(first[1]);
        for (int[] part : first) {
            assertThat(part).isSorted();
        }
    }

    @Test
    void apportionSumsToTheTotalWithLargestRemainders() {
        assertThat(StratifiedSplitter.apportion(10, RATIOS)).containsExactly(8, 1, 1);
        assertThat(StratifiedSplitter.apportion(7, RATIOS)).containsExactly(5, 1, 1);
        assertThat(StratifiedSplitter.apportion(1, RATIOS)).containsExactly(1, 0, 0);
        assertThat(StratifiedSplitter.apportion(9, new double[] {0.8, 0.1})).containsExactly(8, 1);
    }

    @Test
    void quantileBinsGiveEqualTargetsOneBinAndSpreadRanks() {
        float[] targets = {5f, 0f, 1f, 2f, 3f, 4f, 5f, 5f, 0.5f, 2.5f};

        int[] bins = QuantileBins.assign(targets, 5);

        assertThat(bins).containsExactly(3, 0, 1, 1, 2, 3, 3, 3, 0, 2);
    }
}
