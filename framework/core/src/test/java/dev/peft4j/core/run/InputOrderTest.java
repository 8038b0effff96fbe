package dev.peft4j.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peft4j.core.eval.EvaluationResult;
import dev.peft4j.core.eval.PredictionTable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InputOrderTest {

    @Test
    void predictionsMadeShortestFirstGoBackToTheRowsOfTheInputFile() {
        // input rows: "a bb ccc", "a", "a bb"; evaluated shortest first: rows 1, 2, 0
        PredictionTable sorted = PredictionTable.classification(List.of("neg", "pos"), List.of("a", "a bb", "a bb ccc"),
                new int[] {1, 0, 1}, new int[] {1, 1, 0},
                new double[][] {{0.1, 0.9}, {0.4, 0.6}, {0.8, 0.2}});
        EvaluationResult result = new EvaluationResult(Map.of("accuracy", 1 / 3.0), sorted, Optional.empty());

        EvaluationResult restored = InputOrder.restore(result, new int[] {1, 2, 0});

        PredictionTable t = restored.predictions();
        assertThat(t.texts()).containsExactly("a bb ccc", "a", "a bb");
        assertThat(t.goldClasses()).containsExactly(1, 1, 0);
        assertThat(t.predictedClasses()).containsExactly(0, 1, 1);
        assertThat(t.probabilities()[0]).containsExactly(0.8, 0.2);
        assertThat(restored.metrics()).isEqualTo(result.metrics());
    }

    @Test
    void regressionPredictionsAreReorderedToo() {
        PredictionTable sorted = PredictionTable.regression(List.of("x", "yy"), new double[] {1, 2},
                new double[] {1.5, 2.5});

        PredictionTable t = InputOrder.restore(new EvaluationResult(Map.of(), sorted, Optional.empty()),
                new int[] {1, 0}).predictions();

        assertThat(t.texts()).containsExactly("yy", "x");
        assertThat(t.goldValues()).containsExactly(2, 1);
        assertThat(t.predictedValues()).containsExactly(2.5, 1.5);
    }
}
