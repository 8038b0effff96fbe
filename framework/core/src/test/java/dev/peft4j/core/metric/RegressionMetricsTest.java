package dev.peft4j.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.Mockito.mock;

import com.typesafe.config.ConfigFactory;
import dev.peft4j.spi.PluginContext;
import dev.peft4j.spi.metric.Metric;
import dev.peft4j.spi.metric.MetricFactory;
import dev.peft4j.spi.metric.Predictions;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class RegressionMetricsTest {

    private static final Offset<Double> CLOSE = within(1e-12);

    /** Predicted x = [1, 2, 3, 4, 5] against gold y = [2, 4, 5, 4, 5]. */
    private static final double[][] X = {{1, 2}, {3, 4, 5}};
    private static final double[][] Y = {{2, 4}, {5, 4, 5}};

    /** Squared errors 1, 4, 4, 0, 0: mean 9/5. */
    @Test
    void mseIsTheMeanSquaredError() {
        assertThat(feed(new MseMetricFactory(), X, Y)).containsOnlyKeys("mse");
        assertThat(feed(new MseMetricFactory(), X, Y).get("mse")).isCloseTo(1.8, CLOSE);
    }

    /**
     * Means 3 and 4; deviations dx = -2,-1,0,1,2 and dy = -2,0,1,0,1; sum dx*dy = 6, sum dx^2 = 10, sum dy^2 = 6:
     * r = 6 / sqrt(60).
     */
    @Test
    void pearsonIsTheLinearCorrelation() {
        assertThat(feed(new PearsonMetricFactory(), X, Y).get("pearson")).isCloseTo(6 / Math.sqrt(60), CLOSE);
    }

    /** The textbook sum-of-squares formula loses all digits here (sums near 5e18, variance 2); Welford keeps 8. */
    @Test
    void pearsonStaysAccurateFarFromZero() {
        double[][] x = {{1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4, 1e9 + 5}};
        double[][] y = {{1e9 + 2, 1e9 + 4, 1e9 + 5, 1e9 + 4, 1e9 + 5}};

        assertThat(feed(new PearsonMetricFactory(), x, y).get("pearson")).isCloseTo(6 / Math.sqrt(60), within(1e-8));
    }

    /**
     * Ranks of y = [2, 4, 5, 4, 5]: the two 4s share ranks 2 and 3 (2.5), the two 5s ranks 4 and 5 (4.5), so
     * y ranks = [1, 2.5, 4.5, 2.5, 4.5] (mean 3) against x ranks [1..5]: sum dx*dy = 4 + 0.5 + 0 - 0.5 + 3 = 7,
     * sum dx^2 = 10, sum dy^2 = 4 + 0.25 + 2.25 + 0.25 + 2.25 = 9: rho = 7 / sqrt(90).
     */
    @Test
    void spearmanGivesTiedValuesTheirMeanRank() {
        assertThat(feed(new SpearmanMetricFactory(), X, Y).get("spearman")).isCloseTo(7 / Math.sqrt(90), CLOSE);
    }

    /**
     * SciPy's docstring example, spearmanr([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]) = 0.8207826816681233: the two 7s rank
     * 3.5, deviations of ranks dy = -2, -1, 0.5, 2, 0.5: sum dx*dy = 8, sum dy^2 = 9.5: 8 / sqrt(95).
     */
    @Test
    void spearmanMatchesScipysDocumentedExample() {
        double[][] x = {{1, 2, 3, 4, 5}};
        double[][] y = {{5, 6, 7, 8, 7}};

        assertThat(feed(new SpearmanMetricFactory(), x, y).get("spearman"))
                .isCloseTo(0.8207826816681233, CLOSE)
                .isCloseTo(8 / Math.sqrt(95), CLOSE);
    }

    @Test
    void spearmanIsOneForAnyIncreasingRelationWherePearsonIsNot() {
        double[][] x = {{1, 2, 3, 4, 5}};
        double[][] cubes = {{1, 8, 27, 64, 125}};

        assertThat(feed(new SpearmanMetricFactory(), x, cubes).get("spearman")).isCloseTo(1.0, CLOSE);
        assertThat(feed(new PearsonMetricFactory(), x, cubes).get("pearson")).isLessThan(0.99);
    }

    @Test
    void ranksOfTiesAreTheirMeanRank() {
        assertThat(SpearmanMetric.ranks(new double[] {10, 20, 20, 5, 20})).containsExactly(2, 4, 4, 1, 4);
    }

    @Test
    void correlationsAreNanWhenUndefined() {
        double[][] x = {{1, 2, 3}};
        double[][] constant = {{7, 7, 7}};

        assertThat(feed(new PearsonMetricFactory(), x, constant).get("pearson")).isNaN();
        assertThat(feed(new SpearmanMetricFactory(), x, constant).get("spearman")).isNaN();
        assertThat(feed(new PearsonMetricFactory(), new double[][] {{1}}, new double[][] {{2}}).get("pearson")).isNaN();
        assertThat(feed(new SpearmanMetricFactory(), new double[][] {{1, Double.NaN, 3}}, x).get("spearman")).isNaN();
    }

    @Test
    void resetForgetsEverythingSeen() {
        for (MetricFactory factory : new MetricFactory[] {new MseMetricFactory(), new PearsonMetricFactory(),
                new SpearmanMetricFactory()}) {
            Metric metric = factory.create(ConfigFactory.empty(), mock(PluginContext.class));
            assertThat(metric.result()).as(factory.name()).isEmpty();
            metric.update(Predictions.regression(new double[] {1, 2, 3}, new double[] {3, 2, 1}));
            metric.reset();
            assertThat(metric.result()).as(factory.name()).isEmpty();
            metric.update(Predictions.regression(new double[] {1, 2, 4}, new double[] {1, 2, 4}));
            assertThat(metric.result().get(factory.name())).as(factory.name()).isCloseTo(
                    factory.name().equals("mse") ? 0.0 : 1.0, CLOSE);
        }
    }

    @Test
    void spearmanKeepsEveryValueAcrossManyBatches() {
        Metric spearman = new SpearmanMetricFactory().create(ConfigFactory.empty(), mock(PluginContext.class));
        for (int batch = 0; batch < 100; batch++) {
            double[] x = new double[7];
            double[] y = new double[7];
            for (int i = 0; i < 7; i++) {
                x[i] = batch * 7 + i;
                y[i] = -x[i];
            }
            spearman.update(Predictions.regression(x, y));
        }

        assertThat(spearman.result().get("spearman")).isCloseTo(-1.0, CLOSE);
    }

    private static Map<String, Double> feed(MetricFactory factory, double[][] predicted, double[][] gold) {
        Metric metric = factory.create(ConfigFactory.empty(), mock(PluginContext.class));
        for (int b = 0; b < predicted.length; b++) {
            metric.update(Predictions.regression(predicted[b], gold[b]));
        }
        return metric.result();
    }
}
