package dev.peft4j.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ParityTest {

    @Test
    void theWorstStepDecides() {
        double d = Parity.maxRelativeDifference(new float[] {10f, 8f, 5f}, new float[] {10f, 8.0008f, 5f});
        assertThat(d).isCloseTo(1e-4, within(1e-6));
        assertThat(Parity.agrees(d)).isFalse();
    }

    @Test
    void fiveSignificantDigitsAgree() {
        assertThat(Parity.agrees(Parity.maxRelativeDifference(new float[] {10.95236f}, new float[] {10.95237f})))
                .isTrue();
    }

    @Test
    void aNanLossNeverAgrees() {
        double d = Parity.maxRelativeDifference(new float[] {1f, Float.NaN}, new float[] {1f, 1f});
        assertThat(Parity.agrees(d)).isFalse();
    }
}
