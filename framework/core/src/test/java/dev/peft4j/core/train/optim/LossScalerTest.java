package dev.peft4j.core.train.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LossScalerTest {

    @Test
    void halvesOnOverflowGrowsAfterTheIntervalAndNeverDropsBelowTheMinimum() {
        LossScaler s = new LossScaler(new LossScaleSpec(true, 8, 3, 2, 0.5, 2));
        s.update(false);
        assertThat(s.scale()).isEqualTo(4);
        s.update(false);
        s.update(false);
        assertThat(s.scale()).isEqualTo(2);
        s.update(true);
        s.update(true);
        assertThat(s.scale()).isEqualTo(2);
        assertThat(s.finiteSteps()).isEqualTo(2);
        s.update(true);
        assertThat(s.scale()).isEqualTo(4);
        assertThat(s.finiteSteps()).isZero();
    }

    @Test
    void aStaticScaleNeverMoves() {
        LossScaler s = new LossScaler(LossScaleSpec.none());
        s.update(false);
        s.update(true);
        assertThat(s.scale()).isEqualTo(1);
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> new LossScaleSpec(true, 8, 3, 2, 1.5, 1)).hasMessageContaining("backoff factor");
        assertThatThrownBy(() -> new OptimizerSpec(1.0, 0.999, 1e-8, 0, 0)).hasMessageContaining("beta1");
        assertThatThrownBy(() -> new OptimizerSpec(0.9, 0.999, 1e-8, 0, -1)).hasMessageContaining("max gradient norm");
    }
}
