package dev.peft4j.core.eval.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class McNemarTest {

    @Test
    void tenAgainstTwoDiscordantPairsGiveTheTwoSidedBinomialP() {
        // P(X <= 2) for X ~ Binomial(12, 1/2) = (1 + 12 + 66) / 4096; two-sided doubles it.
        assertThat(new McNemar(2, 10).pValue()).isCloseTo(2 * 79 / 4096.0, within(1e-12));
        assertThat(new McNemar(10, 2).pValue()).isCloseTo(2 * 79 / 4096.0, within(1e-12));
    }

    @Test
    void balancedOrAbsentDisagreementIsNotEvidence() {
        assertThat(new McNemar(5, 5).pValue()).isEqualTo(1.0);
        assertThat(new McNemar(0, 0).pValue()).isEqualTo(1.0);
    }

    @Test
    void allDiscordantPairsOneWayGiveTwoToTheOneMinusN() {
        assertThat(new McNemar(0, 6).pValue()).isCloseTo(2 / 64.0, within(1e-12));
    }

    @Test
    void countsOnlyRowsWhereExactlyOneModelIsRight() {
        int[] gold = {0, 1, 1, 0, 2, 2};
        int[] a = {0, 1, 0, 1, 2, 0};
        int[] b = {0, 0, 1, 1, 1, 2};
        // row 1: only A; row 2: only B; row 4: only A; row 5: only B; rows 0 and 3: concordant
        assertThat(McNemar.of(gold, a, b)).isEqualTo(new McNemar(2, 2));
    }
}
