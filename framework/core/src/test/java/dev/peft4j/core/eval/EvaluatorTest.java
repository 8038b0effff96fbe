package dev.peft4j.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.peft4j.core.train.fixtures.AccuracyMetric;
import dev.peft4j.core.train.fixtures.ArrayBatch;
import dev.peft4j.core.train.fixtures.Blobs;
import dev.peft4j.core.train.fixtures.MlpClassifier;
import dev.peft4j.core.train.fixtures.TinyModels;
import dev.peft4j.spi.metric.Metric;
import dev.peft4j.spi.metric.Predictions;
import dev.peft4j.spi.metric.TaskType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatorTest {

    private static final List<String> CLASSES = List.of("east", "north-west", "south-west");
    private static final Blobs DATA = new Blobs(50, 3, 1.0, 4);

    @TempDir
    Path dir;

    @Test
    void classificationPredictsEveryRowInOrderWhateverTheBatchSize() {
        try (MlpClassifier model = new MlpClassifier(CLASSES, 8, 0.5f, 3)) {
            EvaluationResult small = new Evaluator<>(model, 7).evaluate(DATA, List.of(new AccuracyMetric()));
            EvaluationResult whole = new Evaluator<>(model, 1000).evaluate(DATA, List.of(new AccuracyMetric()));
            PredictionTable t = small.predictions();
            assertThat(t.size()).isEqualTo(50);
            assertThat(t.texts().get(9)).startsWith("row 9\t");
            assertThat(t.predictedClasses()).containsExactly(whole.predictions().predictedClasses());
            assertThat(small.metrics().get("loss")).isCloseTo(whole.metrics().get("loss"), within(1e-6));
            for (int i = 0; i < t.size(); i++) {
                double[] p = t.probabilities()[i];
                assertThat(Arrays.stream(p).sum()).isCloseTo(1.0, within(1e-9));
                int argmax = 0;
                for (int c = 1; c < p.length; c++) {
                    argmax = p[c] > p[argmax] ? c : argmax;
                }
                assertThat(t.predictedClasses()[i]).isEqualTo(argmax);
                assertThat(t.goldClasses()[i]).isEqualTo(DATA.label(i));
            }
            long correct = java.util.stream.IntStream.range(0, 50)
                    .filter(i -> t.predictedClasses()[i] == t.goldClasses()[i]).count();
            assertThat(small.metrics()).containsEntry("accuracy", correct / 50.0);
            ConfusionMatrix m = small.confusion().orElseThrow();
            assertThat(m.total()).isEqualTo(50);
            assertThat(m.count(0, 0) + m.count(1, 1) + m.count(2, 2)).isEqualTo(correct);
        }
    }

    @Test
    void inferenceTurnsDropoutOff() {
        try (MlpClassifier model = new MlpClassifier(CLASSES, 8, 0.5f, 3)) {
            Evaluator<ArrayBatch> evaluator = new Evaluator<>(model, 16);
            assertThat(evaluator.evaluate(DATA, List.of()).metrics())
                    .isEqualTo(evaluator.evaluate(DATA, List.of()).metrics());
        }
    }

    @Test
    void unlabelledRowsGetPredictionsButNoMetrics() {
        try (MlpClassifier model = new MlpClassifier(CLASSES, 8, 0f, 3)) {
            EvaluationResult labelled = new Evaluator<>(model, 16).evaluate(DATA, List.of(new AccuracyMetric()));
            EvaluationResult r = new Evaluator<>(model, 16).evaluate(DATA.unlabelled(), List.of(new AccuracyMetric()));
            assertThat(r.metrics()).isEmpty();
            assertThat(r.confusion()).isEmpty();
            assertThat(r.predictions().goldClasses()).containsOnly(-1);
            assertThat(r.predictions().predictedClasses()).containsExactly(labelled.predictions().predictedClasses());
            r.writePredictions(dir.resolve("predictions.tsv"));
            PredictionTable back = PredictionsTsv.read(dir.resolve("predictions.tsv"));
            assertThat(back.goldClasses()).containsOnly(-1);
            assertThat(back.texts()).isEqualTo(r.predictions().texts());
        }
    }

    @Test
    void aMetricForAnotherTaskIsRefusedByName() {
        try (MlpClassifier model = new MlpClassifier(CLASSES, 8, 0f, 3)) {
            assertThatThrownBy(() -> new Evaluator<>(model, 16).evaluate(DATA, List.of(new PerplexityMetric())))
                    .hasMessageContaining("PerplexityMetric").hasMessageContaining("CLASSIFICATION")
                    .hasMessageContaining("evaluation.metrics");
        }
    }

    @Test
    void regressionPredictionsAndMeanSquaredError() {
        try (TinyModels.Regressor model = new TinyModels.Regressor(1.5f)) {
            Metric mse = new Metric() {
                double sum;
                long n;

                @Override
                public Set<TaskType> tasks() {
                    return Set.of(TaskType.REGRESSION);
                }

                @Override
                public void update(Predictions b) {
                    for (int i = 0; i < b.goldValues().length; i++) {
                        sum += Math.pow(b.predictedValues()[i] - b.goldValues()[i], 2);
                        n++;
                    }
                }

                @Override
                public Map<String, Double> result() {
                    return Map.of("mse", sum / n);
                }

                @Override
                public void reset() {
                    sum = 0;
                    n = 0;
                }
            };
            EvaluationResult r = new Evaluator<>(model, 3).evaluate(TinyModels.rows(10, 1, true), List.of(mse));
            // x_i = i / 10, prediction 1.5 x + 1, gold 2 x + 1: error 0.5 x
            double expected = 0;
            for (int i = 0; i < 10; i++) {
                expected += Math.pow(0.5 * i / 10.0, 2) / 10;
                assertThat(r.predictions().predictedValues()[i]).isCloseTo(1.5 * i / 10.0 + 1, within(1e-6));
                assertThat(r.predictions().goldValues()[i]).isCloseTo(2 * i / 10.0 + 1, within(1e-6));
            }
            assertThat(r.metrics().get("mse")).isCloseTo(expected, within(1e-7));
            assertThat(r.metrics().get("loss")).isCloseTo(expected, within(1e-7));
        }
    }

    @Test
    void causalLmPerplexityIsExpOfTheMeanTokenNll() {
        try (TinyModels.Lm model = new TinyModels.Lm(4, 0.7f)) {
            EvaluationResult r = new Evaluator<>(model, 4).evaluate(TinyModels.rows(6, 4, false),
                    List.of(new PerplexityMetric()));
            double nll = 0;
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 3; j++) {
                    nll += Math.log1p(Math.exp(0.7 * (i / 6.0 + j / 10.0)));
                }
            }
            double expected = Math.exp(nll / 18);
            assertThat(r.metrics().get("perplexity")).isCloseTo(expected, within(1e-5));
            assertThat(r.metrics().get("loss")).isCloseTo(nll / 18, within(1e-6));
            assertThat(r.predictions().scoredTokens()).containsOnly(3.0);
        }
    }
}
