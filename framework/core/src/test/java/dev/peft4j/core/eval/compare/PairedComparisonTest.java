package dev.peft4j.core.eval.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.peft4j.core.eval.PredictionTable;
import dev.peft4j.core.train.fixtures.AccuracyMetric;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PairedComparisonTest {

    private static final ComparisonOptions OPTIONS = new ComparisonOptions(0.95, 2000, 42, 0.05);
    private static final List<String> CLASSES = List.of("neg", "pos");

    /** 200 rows: both right on 150, only A right on {@code onlyA}, only B right on {@code onlyB}, the rest both wrong. */
    private static PredictionTable[] classification(int onlyA, int onlyB) {
        int n = 200;
        int[] gold = new int[n];
        int[] a = new int[n];
        int[] b = new int[n];
        List<String> texts = new ArrayList<>();
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            gold[i] = i % 2;
            boolean rightA = i < 150 || i < 150 + onlyA;
            boolean rightB = i < 150 || (i >= 150 + onlyA && i < 150 + onlyA + onlyB);
            a[i] = rightA ? gold[i] : 1 - gold[i];
            b[i] = rightB ? gold[i] : 1 - gold[i];
            texts.add("row " + i);
            p[i] = new double[] {0.5, 0.5};
        }
        return new PredictionTable[] {PredictionTable.classification(CLASSES, texts, gold, a, p),
            PredictionTable.classification(CLASSES, texts, gold, b, p)};
    }

    @Test
    void aClearImprovementIsCalledSignificantInOneSentence() {
        PredictionTable[] t = classification(2, 10);
        ComparisonResult r = PairedComparison.compare(t[0], t[1], OPTIONS);
        assertThat(r.valueA()).isEqualTo(0.76);
        assertThat(r.valueB()).isEqualTo(0.80);
        assertThat(r.mcNemar()).isEqualTo(new McNemar(2, 10));
        assertThat(r.pValue()).isCloseTo(2 * 79 / 4096.0, within(1e-12));
        assertThat(r.interval().low()).isGreaterThan(0).isLessThan(0.04);
        assertThat(r.interval().high()).isGreaterThan(0.04).isLessThan(0.09);
        assertThat(r.significant()).isTrue();
        assertThat(r.sentence()).matches("B is better than A by 4\\.0 accuracy points \\(95% CI \\d\\.\\d to \\d\\.\\d\\);"
                + " McNemar exact p = 0\\.039: the difference is significant at 0\\.05\\.");
    }

    @Test
    void theBetterModelIsNamedWhicheverSideItIsOn() {
        PredictionTable[] t = classification(2, 10);
        ComparisonResult r = PairedComparison.compare(t[1], t[0], OPTIONS);
        assertThat(r.better()).isEqualTo("A");
        assertThat(r.sentence("lora-r8", "full")).startsWith("lora-r8 is better than full by 4.0 accuracy points (95% CI ");
        ComparisonResult forward = PairedComparison.compare(t[0], t[1], OPTIONS);
        // The interval shown is of (better − worse): the mirror of B − A.
        assertThat(r.interval().low()).isCloseTo(-forward.interval().high(), within(0.02));
    }

    @Test
    void aSmallDifferenceIsReportedAsNotSignificant() {
        PredictionTable[] t = classification(5, 7);
        ComparisonResult r = PairedComparison.compare(t[0], t[1], OPTIONS);
        assertThat(r.significant()).isFalse();
        assertThat(r.interval().low()).isLessThan(0);
        assertThat(r.sentence()).startsWith("No significant difference: B is ahead of A by 1.0 accuracy points (95% CI -")
                .contains("McNemar exact p = 0.77").endsWith("not significant at 0.05.");
    }

    @Test
    void identicalScoresSayTheSame() {
        PredictionTable[] t = classification(6, 6);
        assertThat(PairedComparison.compare(t[0], t[1], OPTIONS).sentence())
                .isEqualTo("A and B score the same accuracy (78.0%) on 200 rows; McNemar exact p = 1.00: no significant difference.");
    }

    @Test
    void theSameSeedGivesTheSameInterval() {
        PredictionTable[] t = classification(3, 9);
        assertThat(PairedComparison.compare(t[0], t[1], OPTIONS).interval())
                .isEqualTo(PairedComparison.compare(t[0], t[1], OPTIONS).interval());
    }

    @Test
    void anSpiMetricCanBeTheComparedScore() {
        PredictionTable[] t = classification(2, 10);
        PairedMetric accuracy = PairedMetrics.of("accuracy", true, true, AccuracyMetric::new);
        ComparisonResult viaSpi = PairedComparison.compare(t[0], t[1], accuracy, OPTIONS);
        ComparisonResult builtIn = PairedComparison.compare(t[0], t[1], PairedMetrics.ACCURACY, OPTIONS);
        assertThat(viaSpi.interval()).isEqualTo(builtIn.interval());
        assertThat(viaSpi.difference()).isEqualTo(builtIn.difference());
    }

    @Test
    void spearmanAndPearsonMatchHandComputedValues() {
        List<String> texts = List.of("a", "b", "c", "d", "e");
        double[] gold = {1, 2, 3, 4, 5};
        PredictionTable monotone = PredictionTable.regression(texts, gold, new double[] {1, 4, 9, 16, 25});
        int[] all = {0, 1, 2, 3, 4};
        assertThat(PairedMetrics.SPEARMAN.compute(monotone, all)).isCloseTo(1.0, within(1e-12));
        // Pearson of x and x² on 1..5: deviations (-2,-1,0,1,2) and (-10,-7,-2,5,14): 60 / sqrt(10 * 374)
        assertThat(PairedMetrics.PEARSON.compute(monotone, all)).isCloseTo(60 / Math.sqrt(3740), within(1e-12));
        PredictionTable ties = PredictionTable.regression(texts, gold, new double[] {2, 1, 1, 3, 3});
        // ranks of predictions with ties averaged: 3, 1.5, 1.5, 4.5, 4.5 against 1..5
        assertThat(PairedMetrics.SPEARMAN.compute(ties, all))
                .isCloseTo(PairedMetrics.pearson(gold, new double[] {3, 1.5, 1.5, 4.5, 4.5}), within(1e-12));
    }

    @Test
    void regressionComparesCorrelationsByBootstrapAlone() {
        Random random = new Random(5);
        int n = 300;
        double[] gold = new double[n];
        double[] a = new double[n];
        double[] b = new double[n];
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            gold[i] = random.nextDouble() * 5;
            a[i] = gold[i] + random.nextGaussian() * 2.0;
            b[i] = gold[i] + random.nextGaussian() * 0.5;
            texts.add("pair " + i);
        }
        ComparisonResult r = PairedComparison.compare(PredictionTable.regression(texts, gold, a),
                PredictionTable.regression(texts, gold, b), OPTIONS);
        assertThat(r.metric().name()).isEqualTo("Spearman correlation");
        assertThat(r.mcNemar()).isNull();
        assertThat(r.interval().low()).isGreaterThan(0);
        assertThat(r.significant()).isTrue();
        assertThat(r.sentence()).startsWith("B is better than A by 0.")
                .contains("in Spearman correlation (95% CI 0.").contains("; the 95% bootstrap interval excludes 0")
                .endsWith("significant at 0.05.");
    }

    @Test
    void lowerPerplexityIsBetter() {
        List<String> texts = List.of("a", "b", "c", "d");
        double[] tokens = {10, 10, 10, 10};
        PredictionTable a = PredictionTable.causalLm(texts, tokens, new double[] {30, 31, 29, 30});
        PredictionTable b = PredictionTable.causalLm(texts, tokens, new double[] {20, 21, 19, 20});
        ComparisonResult r = PairedComparison.compare(a, b, OPTIONS);
        assertThat(r.valueA()).isCloseTo(Math.exp(3.0), within(1e-9));
        assertThat(r.valueB()).isCloseTo(Math.exp(2.0), within(1e-9));
        assertThat(r.better()).isEqualTo("B");
        assertThat(r.sentence()).contains("in perplexity (lower is better)");
    }

    @Test
    void predictionsOnDifferentRowsAreRefusedNamingTheRow() {
        PredictionTable[] t = classification(2, 10);
        List<String> other = new ArrayList<>(t[1].texts());
        other.set(17, "something else");
        PredictionTable shifted = PredictionTable.classification(CLASSES, other, t[1].goldClasses(),
                t[1].predictedClasses(), t[1].probabilities());
        assertThatThrownBy(() -> PairedComparison.compare(t[0], shifted, OPTIONS))
                .hasMessageContaining("row 18").hasMessageContaining("something else").hasMessageContaining("same test file");
    }

    @Test
    void unlabelledPredictionsCannotBeCompared() {
        PredictionTable[] t = classification(2, 10);
        int[] unlabelled = new int[200];
        java.util.Arrays.fill(unlabelled, -1);
        PredictionTable noGold = PredictionTable.classification(CLASSES, t[1].texts(), unlabelled,
                t[1].predictedClasses(), t[1].probabilities());
        assertThatThrownBy(() -> PairedComparison.compare(noGold, noGold, OPTIONS)).hasMessageContaining("gold labels");
    }
}
