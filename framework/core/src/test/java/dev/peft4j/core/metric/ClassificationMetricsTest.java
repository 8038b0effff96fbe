package dev.peft4j.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.Mockito.mock;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.peft4j.core.config.PipelineConfigException;
import dev.peft4j.core.config.PipelineConfigLoader;
import dev.peft4j.spi.PluginContext;
import dev.peft4j.spi.metric.Metric;
import dev.peft4j.spi.metric.MetricFactory;
import dev.peft4j.spi.metric.Predictions;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    private static final Offset<Double> CLOSE = within(1e-12);
    private static final Config REFERENCE = PipelineConfigLoader.hostReference();

    /**
     * scikit-learn's docstring example: y_true = [0, 1, 2, 0, 1, 2], y_pred = [0, 2, 1, 0, 0, 1].
     * Class 0: tp 2, fp 1 (row 4), fn 0: P = 2/3, R = 1, F1 = 0.8. Classes 1 and 2: tp 0: P = R = F1 = 0.
     * Macro P = (2/3) / 3 = 0.2222, R = 1/3, F1 = 0.8 / 3 = 0.2667; every support is 2, so weighted = macro;
     * micro = 2 correct of 6 = 1/3. Fed in two batches to show the metrics stream.
     */
    @Test
    void scikitLearnsDocstringExampleGivesItsDocumentedValues() {
        Map<String, Double> precision = feed(create(new PrecisionMetricFactory()), 3, SK_GOLD, SK_PRED);
        Map<String, Double> recall = feed(create(new RecallMetricFactory()), 3, SK_GOLD, SK_PRED);
        Map<String, Double> f1 = feed(create(new F1MetricFactory()), 3, SK_GOLD, SK_PRED);
        Map<String, Double> accuracy = feed(create(new AccuracyMetricFactory()), 3, SK_GOLD, SK_PRED);

        assertThat(precision.get("precision-macro")).isCloseTo(0.2222222222222222, CLOSE);
        assertThat(precision.get("precision-micro")).isCloseTo(0.3333333333333333, CLOSE);
        assertThat(precision.get("precision-weighted")).isCloseTo(0.2222222222222222, CLOSE);
        assertThat(recall.get("recall-macro")).isCloseTo(0.3333333333333333, CLOSE);
        assertThat(recall.get("recall-micro")).isCloseTo(0.3333333333333333, CLOSE);
        assertThat(recall.get("recall-weighted")).isCloseTo(0.3333333333333333, CLOSE);
        assertThat(f1.get("f1-macro")).isCloseTo(0.26666666666666666, CLOSE);
        assertThat(f1.get("f1-micro")).isCloseTo(0.3333333333333333, CLOSE);
        assertThat(f1.get("f1-weighted")).isCloseTo(0.26666666666666666, CLOSE);
        assertThat(accuracy).containsOnlyKeys("accuracy");
        assertThat(accuracy.get("accuracy")).isCloseTo(1.0 / 3, CLOSE);
        assertThat(f1).doesNotContainKey("f1-binary");
    }

    private static final int[][] SK_GOLD = {{0, 1, 2}, {0, 1, 2}};
    private static final int[][] SK_PRED = {{0, 2, 1}, {0, 0, 1}};

    /**
     * Two imbalanced classes: gold = [1,1,1,1,0,0,0,0,0,0], pred = [1,1,0,0,1,0,0,0,0,0].
     * Class 1: tp 2, fp 1, fn 2, support 4: P = 2/3, R = 1/2, F1 = 4/7.
     * Class 0: tp 5, fp 2, fn 1, support 6: P = 5/7, R = 5/6, F1 = 10/13.
     * Macro P = (5/7 + 2/3) / 2 = 29/42; R = (5/6 + 1/2) / 2 = 2/3; F1 = (10/13 + 4/7) / 2 = 61/91.
     * Weighted P = (6 * 5/7 + 4 * 2/3) / 10 = 73/105; R = (5 + 2) / 10 = 0.7; F1 = (60/13 + 16/7) / 10 = 314/455.
     * Micro = accuracy = 7/10. Binary = class 1's scores.
     */
    @Test
    void twoImbalancedClassesGiveEveryAveragingIncludingBinary() {
        int[][] gold = {{1, 1, 1, 1, 0}, {0, 0, 0, 0, 0}};
        int[][] pred = {{1, 1, 0, 0, 1}, {0, 0, 0, 0, 0}};

        Map<String, Double> precision = feed(create(new PrecisionMetricFactory()), 2, gold, pred);
        Map<String, Double> recall = feed(create(new RecallMetricFactory()), 2, gold, pred);
        Map<String, Double> f1 = feed(create(new F1MetricFactory()), 2, gold, pred);

        assertThat(precision.get("precision-macro")).isCloseTo(29.0 / 42, CLOSE);
        assertThat(precision.get("precision-weighted")).isCloseTo(73.0 / 105, CLOSE);
        assertThat(precision.get("precision-micro")).isCloseTo(0.7, CLOSE);
        assertThat(precision.get("precision-binary")).isCloseTo(2.0 / 3, CLOSE);
        assertThat(recall.get("recall-macro")).isCloseTo(2.0 / 3, CLOSE);
        assertThat(recall.get("recall-weighted")).isCloseTo(0.7, CLOSE);
        assertThat(recall.get("recall-binary")).isCloseTo(0.5, CLOSE);
        assertThat(f1.get("f1-macro")).isCloseTo(61.0 / 91, CLOSE);
        assertThat(f1.get("f1-weighted")).isCloseTo(314.0 / 455, CLOSE);
        assertThat(f1.get("f1-micro")).isCloseTo(0.7, CLOSE);
        assertThat(f1.get("f1-binary")).isCloseTo(4.0 / 7, CLOSE);
    }

    /**
     * gold = [0, 1, 2, 2], pred = [0, 1, 1, 1]; class 2 is never predicted, class 3 (of 4) never occurs.
     * Class 0: P = R = F1 = 1. Class 1: tp 1, fp 2: P = 1/3, R = 1, F1 = 2/(2 + 2) = 1/2.
     * Class 2: tp 0 and nothing predicted: P = 0 (zero_division = 0), R = 0/2 = 0, F1 = 0.
     * Class 3 is left out of the averages, as scikit-learn does with the labels it sees:
     * macro P = (1 + 1/3 + 0) / 3 = 4/9, R = (1 + 1 + 0) / 3 = 2/3, F1 = (1 + 1/2 + 0) / 3 = 1/2.
     */
    @Test
    void aClassNeverPredictedScoresZeroAndAClassNeverSeenIsNotAveraged() {
        int[][] gold = {{0, 1, 2, 2}};
        int[][] pred = {{0, 1, 1, 1}};

        assertThat(feed(create(new PrecisionMetricFactory()), 4, gold, pred).get("precision-macro"))
                .isCloseTo(4.0 / 9, CLOSE);
        assertThat(feed(create(new RecallMetricFactory()), 4, gold, pred).get("recall-macro"))
                .isCloseTo(2.0 / 3, CLOSE);
        assertThat(feed(create(new F1MetricFactory()), 4, gold, pred).get("f1-macro")).isCloseTo(0.5, CLOSE);
    }

    @Test
    void thePlainNameReportsTheConfiguredAveraging() {
        Map<String, Double> byDefault = feed(create(new F1MetricFactory()), 3, SK_GOLD, SK_PRED);
        Map<String, Double> micro = feed(create(new F1MetricFactory(), "average = micro"), 3, SK_GOLD, SK_PRED);

        assertThat(byDefault.get("f1")).isEqualTo(byDefault.get("f1-macro"));
        assertThat(micro.get("f1")).isEqualTo(micro.get("f1-micro")).isCloseTo(1.0 / 3, CLOSE);
        assertThat(micro).containsOnlyKeys("f1", "f1-micro", "f1-macro", "f1-weighted");
    }

    @Test
    void binaryAveragingOnMoreThanTwoClassesSaysWhatToChooseInstead() {
        Metric f1 = create(new F1MetricFactory(), "average = binary");

        assertThatThrownBy(() -> f1.update(Predictions.classification(3, new int[] {0}, new int[] {2})))
                .hasMessage("evaluation.metric.f1.average = binary needs a 2-class task, this one has 3 classes; "
                        + "choose micro, macro or weighted");
    }

    @Test
    void anUnknownAveragingIsRefusedWithItsFullKeyPath() {
        assertThatThrownBy(() -> create(new RecallMetricFactory(), "average = mean"))
                .isInstanceOf(PipelineConfigException.class)
                .hasMessageContaining("evaluation.metric.recall.average: "
                        + "expected one of micro, macro, weighted, binary, found \"mean\"");
    }

    @Test
    void nothingSeenGivesNoValuesAndResetForgetsWhatWasSeen() {
        Metric f1 = create(new F1MetricFactory());
        Metric accuracy = create(new AccuracyMetricFactory());
        assertThat(f1.result()).isEmpty();
        assertThat(accuracy.result()).isEmpty();

        feed(f1, 3, SK_GOLD, SK_PRED);
        feed(accuracy, 3, SK_GOLD, SK_PRED);
        f1.reset();
        accuracy.reset();

        assertThat(f1.result()).isEmpty();
        assertThat(accuracy.result()).isEmpty();
        assertThat(feed(accuracy, 2, new int[][] {{1, 1}}, new int[][] {{1, 0}})).containsEntry("accuracy", 0.5);
    }

    @Test
    void classificationMetricsRefuseRegressionBatches() {
        Metric accuracy = create(new AccuracyMetricFactory());

        assertThatThrownBy(() -> accuracy.update(Predictions.regression(new double[] {1}, new double[] {1})))
                .hasMessage("metric 'accuracy' scores classification predictions, got regression ones; "
                        + "remove it from evaluation.metrics for this task");
    }

    private static Metric create(MetricFactory factory) {
        String path = "evaluation.metric." + factory.settingsPath();
        Config settings = REFERENCE.hasPath(path) ? REFERENCE.getConfig(path) : ConfigFactory.empty();
        return factory.create(settings, mock(PluginContext.class));
    }

    private static Metric create(MetricFactory factory, String settings) {
        return factory.create(ConfigFactory.parseString(settings), mock(PluginContext.class));
    }

    private static Map<String, Double> feed(Metric metric, int numClasses, int[][] goldBatches, int[][] predBatches) {
        for (int b = 0; b < goldBatches.length; b++) {
            metric.update(Predictions.classification(numClasses, predBatches[b], goldBatches[b]));
        }
        return metric.result();
    }
}
