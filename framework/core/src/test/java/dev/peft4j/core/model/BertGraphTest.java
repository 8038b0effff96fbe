package dev.peft4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.peft4j.core.model.config.BertConfig;
import dev.peft4j.core.model.reference.BertReference;
import dev.peft4j.spi.FloatTensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BertGraphTest {

    private static final BertConfig CONFIG = TinyModels.bert();
    private static final Map<String, FloatTensor> WEIGHTS = TinyModels.bertWeights(CONFIG, 2);
    private static ModelGraph classifier;

    @BeforeAll
    static void build() {
        classifier = ModelBuilder.create(CONFIG, TinyModels.store(WEIGHTS), TinyModels.options(Head.classification(3)))
                .build();
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    @Test
    void hiddenStatesAndClassifierLogitsMatchThePlainJavaReference() {
        int[] ids = {2, 17, 5, 28, 9, 3};
        int[] types = {0, 0, 0, 1, 1, 1};
        Batch batch = new Batch(1, 6, ids, new int[] {1, 1, 1, 1, 1, 1}, types, null);
        BertReference reference = new BertReference(CONFIG, WEIGHTS);

        Tensors.assertRowsClose(classifier.evaluate(batch, classifier.hiddenStates()), 0, reference.hidden(ids, types),
                1e-4);
        double[] expected = reference.classify(ids, types, matrix(classifier.read("classifier.weight")),
                vector(classifier.read("classifier.bias")));
        FloatTensor logits = classifier.evaluate(batch, classifier.logits());
        for (int i = 0; i < 3; i++) {
            assertThat((double) logits.data()[i]).isCloseTo(expected[i], within(1e-4));
        }
    }

    @Test
    void paddedPositionsChangeNeitherTheRealTokensNorTheClassification() {
        int[] ids = {2, 17, 5, 28};
        FloatTensor alone = classifier.evaluate(Batch.of(new int[][] {ids}), classifier.hiddenStates());
        FloatTensor aloneLogits = classifier.evaluate(Batch.of(new int[][] {ids}), classifier.logits());
        Batch padded = new Batch(1, 7, new int[] {2, 17, 5, 28, 0, 6, 1}, new int[] {1, 1, 1, 1, 0, 0, 0}, null, null);

        FloatTensor hidden = classifier.evaluate(padded, classifier.hiddenStates());
        for (int t = 0; t < ids.length; t++) {
            assertThat(Tensors.row(hidden, 0, t)).containsExactly(Tensors.row(alone, 0, t), within(1e-5f));
        }
        assertThat(classifier.evaluate(padded, classifier.logits()).data()).containsExactly(aloneLogits.data(),
                within(1e-5f));
    }

    @Test
    void aNewClassifierIsTrainableAndSeededWhileACheckpointClassifierIsLoaded() {
        assertThat(classifier.trainables()).extracting(TrainableVariable::name, TrainableVariable::decay)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("classifier.weight", true),
                        org.assertj.core.groups.Tuple.tuple("classifier.bias", false));
        assertThat(classifier.read("classifier.bias").data()).containsOnly(0f);

        Map<String, FloatTensor> fineTuned = new LinkedHashMap<>();
        WEIGHTS.forEach((k, v) -> fineTuned.put("bert." + k, v));
        FloatTensor trained = TinyModels.normal(new java.util.Random(5), 1, 3, CONFIG.hiddenSize());
        fineTuned.put("classifier.weight", trained);
        fineTuned.put("classifier.bias", FloatTensor.zeros(3));
        try (ModelGraph loaded = ModelBuilder.create(CONFIG, TinyModels.store(fineTuned),
                TinyModels.options(Head.classification(3))).build()) {
            assertThat(loaded.read("classifier.weight")).isEqualTo(trained);
        }
    }

    @Test
    void tensorflowConvertedLayerNormNamesGammaAndBetaLoad() {
        Map<String, FloatTensor> converted = new LinkedHashMap<>();
        WEIGHTS.forEach((k, v) -> converted.put(
                k.replace("LayerNorm.weight", "LayerNorm.gamma").replace("LayerNorm.bias", "LayerNorm.beta"), v));
        try (ModelGraph model = ModelBuilder.create(CONFIG, TinyModels.store(converted),
                TinyModels.options(Head.regression())).build()) {
            assertThat(model.read("bert.embeddings.LayerNorm.weight"))
                    .isEqualTo(WEIGHTS.get("embeddings.LayerNorm.weight"));
        }
    }

    @Test
    void bertRefusesACausalLmHead() {
        assertThatThrownBy(() -> ModelBuilder.create(CONFIG, TinyModels.store(WEIGHTS),
                TinyModels.options(Head.causalLm())).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("encoder");
    }

    @Test
    void regressionLossIsTheMeanSquaredErrorOfTheSingleOutput() {
        try (ModelGraph regression = ModelBuilder.create(CONFIG, TinyModels.store(WEIGHTS),
                TinyModels.options(Head.regression())).build()) {
            Batch batch = Batch.of(new int[][] {{2, 17, 5}, {9, 3, 1}}).withLabels(new Labels.Targets(
                    new float[] {0.5f, -1.5f}));
            FloatTensor logits = regression.evaluate(batch, regression.logits());
            float loss = regression.evaluate(batch, regression.loss()).data()[0];

            assertThat(logits.shape()).containsExactly(2, 1);
            double expected = (Math.pow(logits.data()[0] - 0.5, 2) + Math.pow(logits.data()[1] + 1.5, 2)) / 2;
            assertThat((double) loss).isCloseTo(expected, within(1e-6));
        }
    }

    @Test
    void classificationLossIsTheMeanCrossEntropy() {
        Batch batch = Batch.of(new int[][] {{2, 17, 5}, {9, 3, 1}}).withLabels(new Labels.Classes(new int[] {2, 0}));
        FloatTensor logits = classifier.evaluate(batch, classifier.logits());
        float loss = classifier.evaluate(batch, classifier.loss()).data()[0];

        double expected = (Tensors.crossEntropy(Tensors.row(logits, 0), 2)
                + Tensors.crossEntropy(Tensors.row(logits, 1), 0)) / 2;
        assertThat((double) loss).isCloseTo(expected, within(1e-6));
    }

    private static double[][] matrix(FloatTensor t) {
        int rows = (int) t.dim(0);
        int cols = (int) t.dim(1);
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m[i][j] = t.data()[i * cols + j];
            }
        }
        return m;
    }

    private static double[] vector(FloatTensor t) {
        double[] v = new double[t.data().length];
        for (int i = 0; i < v.length; i++) {
            v[i] = t.data()[i];
        }
        return v;
    }
}
