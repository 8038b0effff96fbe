package dev.peft4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.typesafe.config.ConfigFactory;
import dev.peft4j.core.model.config.BertConfig;
import dev.peft4j.core.model.config.Gpt2Config;
import dev.peft4j.spi.FloatTensor;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Result;

class ModelGraphTest {

    private static final BertConfig BERT = TinyModels.bert();
    private static final Map<String, FloatTensor> BERT_WEIGHTS = TinyModels.bertWeights(BERT, 2);
    private static final Batch BATCH = Batch.of(new int[][] {{2, 17, 5, 28}, {9, 3, 1, 4}})
            .withLabels(new Labels.Classes(new int[] {1, 0}));

    private static ModelGraph bert(ModelOptions options) {
        return ModelBuilder.create(BERT, TinyModels.store(BERT_WEIGHTS), options).build();
    }

    @Test
    void dropoutActsOnlyWhileTrainingAndCanBeLeftOutOfTheGraph() {
        ModelOptions withDropout = TinyModels.options(Head.classification(2)).withDropout(true);
        try (ModelGraph model = bert(withDropout); ModelGraph plain = bert(withDropout.withDropout(false))) {
            FloatTensor eval = model.evaluate(BATCH, model.logits());
            FloatTensor plainEval = plain.evaluate(BATCH, plain.logits());
            // Evaluation keeps everything (x · 1 / 1); only op fusion around the dropout ops may round differently.
            assertThat(Tensors.maxAbsDifference(eval, plainEval)).isLessThan(1e-5);
            FloatTensor train1 = run(model, true);
            FloatTensor train2 = run(model, true);
            assertThat(Tensors.maxAbsDifference(train1, eval)).isGreaterThan(1e-4);
            assertThat(Tensors.maxAbsDifference(train1, train2)).isGreaterThan(1e-4);
            assertThat(run(plain, true)).isEqualTo(plainEval);
        }
    }

    @Test
    void bf16MatmulsStayCloseToFp32() {
        ModelOptions fp32 = TinyModels.options(Head.classification(2));
        try (ModelGraph full = bert(fp32); ModelGraph half = bert(fp32.withPrecision(Precision.BF16))) {
            FloatTensor expected = full.evaluate(BATCH, full.hiddenStates());
            FloatTensor actual = half.evaluate(BATCH, half.hiddenStates());
            assertThat(Tensors.maxAbsDifference(expected, actual)).isLessThan(0.1).isGreaterThan(0);
        }
    }

    @Test
    void feedsRejectValuesTheModelCannotTakeNamingTheValue() {
        try (ModelGraph model = bert(TinyModels.options(Head.classification(2)))) {
            Batch badId = Batch.of(new int[][] {{2, 17, 29}});
            assertThatThrownBy(() -> model.feed(badId, false))
                    .hasMessageContaining("inputIds[row 0, position 2] = 29 is outside the vocabulary [0, 29)");
            Batch badMask = new Batch(1, 2, new int[] {1, 2}, new int[] {1, 2}, null, null);
            assertThatThrownBy(() -> model.feed(badMask, false)).hasMessageContaining("must be 0 or 1");
            Batch badLabel = BATCH.withLabels(new Labels.Classes(new int[] {1, 2}));
            assertThatThrownBy(() -> model.feed(badLabel, true))
                    .hasMessageContaining("label of sequence 1 = 2 is not a class in [0, 2)");
            Batch wrongKind = BATCH.withLabels(new Labels.Targets(new float[] {1, 2}));
            assertThatThrownBy(() -> model.feed(wrongKind, true))
                    .hasMessageContaining("takes Labels.Classes but the batch carries Labels.Targets");
            Batch tooLong = Batch.of(new int[][] {new int[17]});
            assertThatThrownBy(() -> model.feed(tooLong, false))
                    .hasMessageContaining("exceed the model's 16 positions");
        }
    }

    @Test
    void trainablesOfAPlainModelAreTheNewHeadWithDecayOnlyOnItsWeight() {
        Gpt2Config gpt2 = TinyModels.gpt2();
        try (ModelGraph model = ModelBuilder.create(gpt2, TinyModels.store(TinyModels.gpt2Weights(gpt2, 1)),
                TinyModels.options(Head.regression())).build()) {
            assertThat(model.trainables()).singleElement().satisfies(v -> {
                assertThat(v.name()).isEqualTo("score.weight");
                assertThat(v.shape()).containsExactly(1, 8);
                assertThat(v.decay()).isTrue();
            });
            assertThat(model.parameterCount()).isEqualTo(2072 + 8);
        }
    }

    @Test
    void headInitialisationIsSeeded() {
        ModelOptions options = TinyModels.options(Head.classification(2));
        try (ModelGraph a = bert(options); ModelGraph b = bert(options);
                ModelGraph c = bert(new ModelOptions(options.head(), Precision.FP32, false, 7, 1 << 20))) {
            assertThat(a.read("classifier.weight")).isEqualTo(b.read("classifier.weight"));
            assertThat(a.read("classifier.weight")).isNotEqualTo(c.read("classifier.weight"));
            float[] w = a.read("classifier.weight").data();
            double sumSquares = 0;
            for (float v : w) {
                sumSquares += v * v;
            }
            assertThat(Math.sqrt(sumSquares / w.length)).isCloseTo(0.02, within(0.01));
        }
    }

    @Test
    void optionsComeFromTheModelSectionOfReferenceConf() {
        ModelOptions options = ModelOptions.fromConfig(ConfigFactory.load().getConfig("model"),
                Head.regression(), 3);

        assertThat(options.precision()).isEqualTo(Precision.FP32);
        assertThat(options.dropout()).isTrue();
        assertThat(options.weightLoadChunkBytes()).isEqualTo(64L << 20);
        assertThat(options.seed()).isEqualTo(3);
        assertThat(options.gradientCheckpointing()).isFalse();
        assertThat(ModelOptions.fromConfig(ConfigFactory.parseString("gradient-checkpointing = true")
                .withFallback(ConfigFactory.load().getConfig("model")), Head.regression(), 3).gradientCheckpointing())
                .isTrue();
    }

    @Test
    void precisionParsesItsConfigNamesOnly() {
        assertThat(Precision.parse("bf16")).isEqualTo(Precision.BF16);
        assertThatThrownBy(() -> Precision.parse("fp8")).hasMessageContaining("fp32, bf16, fp16");
    }

    private static FloatTensor run(ModelGraph model, boolean training) {
        try (Feed feed = model.feed(BATCH, training);
                Result r = feed.applyTo(model.session().runner()).fetch(model.logits()).run()) {
            var t = (org.tensorflow.types.TFloat32) r.get(0);
            float[] data = new float[(int) t.shape().size()];
            t.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(data, false, false));
            return new FloatTensor(t.shape().asArray(), data);
        }
    }
}
