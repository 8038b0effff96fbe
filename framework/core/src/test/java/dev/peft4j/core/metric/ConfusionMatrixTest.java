package dev.peft4j.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peft4j.spi.metric.Predictions;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    /** gold = [0, 1, 2, 0, 1, 2], pred = [0, 2, 1, 0, 0, 1]: rows are gold classes, columns predicted ones. */
    @Test
    void countsPairsAndDerivesPerClassCounts() {
        ConfusionMatrix matrix = new ConfusionMatrix(3);
        matrix.add(Predictions.classification(3, new int[] {0, 2, 1, 0, 0, 1}, new int[] {0, 1, 2, 0, 1, 2}));

        assertThat(matrix.counts()).isEqualTo(new long[][] {{2, 0, 0}, {1, 0, 1}, {0, 2, 0}});
        assertThat(matrix.total()).isEqualTo(6);
        assertThat(matrix.correct()).isEqualTo(2);
        assertThat(matrix.truePositives(0)).isEqualTo(2);
        assertThat(matrix.falsePositives(0)).isEqualTo(1);
        assertThat(matrix.falseNegatives(0)).isZero();
        assertThat(matrix.falsePositives(1)).isEqualTo(2);
        assertThat(matrix.falseNegatives(1)).isEqualTo(2);
        assertThat(matrix.support(2)).isEqualTo(2);
        assertThat(matrix.predicted(2)).isEqualTo(1);
    }

    @Test
    void aClassIsPresentWhenItIsAGoldOrAPredictedClass() {
        ConfusionMatrix matrix = new ConfusionMatrix(4);
        matrix.add(0, 1);

        assertThat(matrix.present(0)).isTrue();
        assertThat(matrix.present(1)).isTrue();
        assertThat(matrix.present(2)).isFalse();
    }

    @Test
    void countsCopiesAreTheCallersAndResetEmptiesTheMatrix() {
        ConfusionMatrix matrix = new ConfusionMatrix(2);
        matrix.add(1, 1);
        matrix.counts()[1][1] = 99;

        assertThat(matrix.count(1, 1)).isEqualTo(1);
        matrix.reset();
        assertThat(matrix.total()).isZero();
    }

    @Test
    void refusesClassesOutOfRangeAndBatchesOfAnotherClassCount() {
        ConfusionMatrix matrix = new ConfusionMatrix(2);

        assertThatThrownBy(() -> matrix.add(2, 0)).hasMessage("class 2 is outside 0..1");
        assertThatThrownBy(() -> matrix.add(Predictions.classification(3, new int[] {0}, new int[] {0})))
                .hasMessageContaining("batch has 3 classes but the matrix was made for 2");
        assertThatThrownBy(() -> new ConfusionMatrix(1)).hasMessageContaining("at least 2 classes");
    }
}
