package dev.peft4j.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianOfAnOddSampleIsItsMiddleValue() {
        Stats s = Stats.of(new double[] {3, 1, 2});
        assertThat(s).isEqualTo(new Stats(2, 1, 3, 3));
    }

    @Test
    void medianOfAnEvenSampleIsTheMeanOfTheMiddlePair() {
        assertThat(Stats.of(new double[] {4, 1, 3, 2}).median()).isEqualTo(2.5);
    }

    @Test
    void inverseTurnsSecondsPerStepIntoTokensPerSecondWithMinAndMaxSwapped() {
        Stats seconds = Stats.of(new double[] {1, 2, 4});
        Stats tokens = seconds.inverse(1024);
        assertThat(tokens).isEqualTo(new Stats(512, 256, 1024, 3));
    }

    @Test
    void anEmptySampleIsRejectedWithAHint() {
        assertThatThrownBy(() -> Stats.of(new double[0])).hasMessageContaining("at least one measured step");
    }
}
