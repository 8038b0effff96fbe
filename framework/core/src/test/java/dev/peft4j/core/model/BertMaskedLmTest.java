package dev.peft4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.peft4j.core.method.FullFineTuning;
import dev.peft4j.core.model.config.BertConfig;
import dev.peft4j.core.model.reference.BertReference;
import dev.peft4j.core.model.surgery.SgdStep;
import dev.peft4j.spi.FloatTensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** BERT with transformers' BertForMaskedLM head: names, shapes, the tied decoder, the loss, a new head's start. */
class BertMaskedLmTest {

    private static final BertConfig CONFIG = TinyModels.bert();
    private static final Map<String, FloatTensor> ENCODER = TinyModels.bertWeights(CONFIG, 2);
    private static final List<String> HEAD = List.of("cls.predictions.transform.dense.weight",
            "cls.predictions.transform.dense.bias", "cls.predictions.transform.LayerNorm.weight",
            "cls.predictions.transform.LayerNorm.bias", "cls.predictions.bias");

    /** A BertForMaskedLM checkpoint as transformers saves it: the encoder under bert., the head under cls.predictions. */
    private static Map<String, FloatTensor> withHead() {
        Random r = new Random(9);
        int h = CONFIG.hiddenSize();
        Map<String, FloatTensor> w = new LinkedHashMap<>();
        ENCODER.forEach((name, value) -> {
            if (!name.startsWith("pooler.")) {
                w.put("bert." + name, value);
            }
        });
        w.put("cls.predictions.transform.dense.weight", TinyModels.normal(r, 0.4, h, h));
        w.put("cls.predictions.transform.dense.bias", TinyModels.normal(r, 0.1, h));
        FloatTensor norm = TinyModels.normal(r, 0.1, h);
        for (int i = 0; i < h; i++) {
            norm.data()[i] += 1;
        }
        w.put("cls.predictions.transform.LayerNorm.weight", norm);
        w.put("cls.predictions.transform.LayerNorm.bias", TinyModels.normal(r, 0.1, h));
        w.put("cls.predictions.bias", TinyModels.normal(r, 0.2, CONFIG.vocabSize()));
        return w;
    }

    /** The reference reads the encoder without the bert. prefix. */
    private static BertReference reference(Map<String, FloatTensor> checkpoint) {
        Map<String, FloatTensor> w = new LinkedHashMap<>();
        checkpoint.forEach((name, value) -> w.put(name.startsWith("bert.") ? name.substring(5) : name, value));
        return new BertReference(CONFIG, w);
    }

    @Test
    void logitsMatchTheReferenceWithTheDecoderTiedToTheWordEmbeddings() {
        Map<String, FloatTensor> checkpoint = withHead();
        int[] ids = {2, 17, 5, 28, 9, 3};
        int[] types = new int[ids.length];
        Batch batch = new Batch(1, ids.length, ids, new int[] {1, 1, 1, 1, 1, 1}, types, null);
        try (ModelGraph model = ModelBuilder.create(CONFIG, TinyModels.store(checkpoint),
                TinyModels.options(Head.maskedLm())).build()) {
            FloatTensor logits = model.evaluate(batch, model.logits());

            assertThat(logits.shape()).containsExactly(1, ids.length, CONFIG.vocabSize());
            Tensors.assertRowsClose(logits, 0, reference(checkpoint).maskedLm(ids, types), 1e-4);
            assertThat(model.baseWeightNames()).containsAll(HEAD)
                    .noneMatch(n -> n.contains("decoder") || n.contains("pooler"));
            assertThat(model.trainables()).as("a checkpoint's head is a frozen base weight").isEmpty();

            // the decoder is the word embedding matrix itself, not a copy of it
            FloatTensor embeddings = TinyModels.normal(new Random(3), 0.5, CONFIG.vocabSize(), CONFIG.hiddenSize());
            model.write("bert.embeddings.word_embeddings.weight", embeddings);
            checkpoint.put("bert.embeddings.word_embeddings.weight", embeddings);
            Tensors.assertRowsClose(model.evaluate(batch, model.logits()), 0,
                    reference(checkpoint).maskedLm(ids, types), 1e-4);
        }
    }

    @Test
    void lossIsTheMeanCrossEntropyOfTheMaskedPositionsAlone() {
        int ignored = Head.IGNORE_INDEX;
        Batch batch = Batch.of(new int[][] {{2, 4, 5, 6}, {9, 3, 1, 7}});
        int[] labels = {ignored, 11, ignored, ignored, ignored, ignored, ignored, 20};
        try (ModelGraph model = ModelBuilder.create(CONFIG, TinyModels.store(withHead()),
                TinyModels.options(Head.maskedLm())).build()) {
            FloatTensor logits = model.evaluate(batch, model.logits());
            Batch labelled = batch.withLabels(new Labels.Tokens(labels));

            double expected = (Tensors.crossEntropy(Tensors.row(logits, 0, 1), 11)
                    + Tensors.crossEntropy(Tensors.row(logits, 1, 3), 20)) / 2;
            assertThat((double) model.evaluate(labelled, model.loss()).data()[0]).isCloseTo(expected, within(1e-5));
            assertThat(model.evaluate(labelled, model.lossWeight()).data()[0]).isEqualTo(2f);

            Batch nothingMasked = batch.withLabels(new Labels.Tokens(filled(8, ignored)));
            assertThat(model.evaluate(nothingMasked, model.loss()).data()[0]).isZero();
            assertThat(model.evaluate(nothingMasked, model.lossWeight()).data()[0]).isZero();
        }
    }

    @Test
    void aCheckpointWithoutTheHeadGetsANewSeededHeadThatTrainsAndIsSavedWithTheModel() {
        try (ModelGraph model = ModelBuilder.create(CONFIG, TinyModels.store(ENCODER),
                TinyModels.options(Head.maskedLm())).build();
                ModelGraph again = ModelBuilder.create(CONFIG, TinyModels.store(ENCODER),
                        TinyModels.options(Head.maskedLm())).build()) {
            assertThat(model.trainables()).extracting(TrainableVariable::name).containsExactlyElementsOf(HEAD);
            assertThat(model.trainables()).filteredOn(TrainableVariable::decay).extracting(TrainableVariable::name)
                    .containsExactly("cls.predictions.transform.dense.weight");
            assertThat(model.headModules()).containsExactly("cls.predictions.transform.dense",
                    "cls.predictions.transform.LayerNorm", "cls.predictions");
            assertThat(model.read("cls.predictions.transform.LayerNorm.weight").data()).containsOnly(1f);
            for (String zero : List.of("cls.predictions.transform.dense.bias",
                    "cls.predictions.transform.LayerNorm.bias", "cls.predictions.bias")) {
                assertThat(model.read(zero).data()).as(zero).containsOnly(0f);
            }
            float[] dense = model.read("cls.predictions.transform.dense.weight").data();
            double variance = Arrays.stream(toDoubles(dense)).map(x -> x * x).average().orElseThrow();
            assertThat(Math.sqrt(variance)).as("normal(0, initializer_range = 0.02)").isBetween(0.012, 0.03);
            assertThat(again.read("cls.predictions.transform.dense.weight").data()).as("seeded").isEqualTo(dense);
        }
    }

    @Test
    void aTrainingStepReachesTheWordEmbeddingsThroughTheTiedDecoder() {
        int target = 21; // not among the inputs
        int ignored = Head.IGNORE_INDEX;
        Batch batch = Batch.of(new int[][] {{2, 4, 5, 6}}).withLabels(new Labels.Tokens(
                new int[] {ignored, target, ignored, ignored}));
        try (ModelGraph model = ModelBuilder.create(CONFIG, TinyModels.store(withHead()),
                TinyModels.options(Head.maskedLm())).adapter("full", new FullFineTuning()).build()) {
            String embeddings = "bert.embeddings.word_embeddings.weight";
            FloatTensor before = model.read(embeddings);
            float biasBefore = model.read("cls.predictions.bias").data()[target];
            float lossBefore = model.evaluate(batch, model.loss()).data()[0];

            new SgdStep(model, 0.1f).run(batch);

            // Rows of tokens that are not inputs change only through the decoder (the softmax reaches every row)
            FloatTensor after = model.read(embeddings);
            for (int token : new int[] {target, 13}) {
                assertThat(Tensors.row(after, token)).as("row %d", token).isNotEqualTo(Tensors.row(before, token));
            }
            assertThat(model.read("cls.predictions.bias").data()[target]).isGreaterThan(biasBefore);
            assertThat(model.evaluate(batch, model.loss()).data()[0]).isLessThan(lossBefore);
        }
    }

    @Test
    void decodersRefuseAMaskedLmHead() {
        assertThatThrownBy(() -> ModelBuilder.create(TinyModels.gpt2(),
                TinyModels.store(TinyModels.gpt2Weights(TinyModels.gpt2(), 1)),
                TinyModels.options(Head.maskedLm())).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GPT-2 is a decoder and has no masked-LM head");
        assertThatThrownBy(() -> ModelBuilder.create(TinyModels.llama(),
                TinyModels.store(TinyModels.llamaWeights(TinyModels.llama(), 1)),
                TinyModels.options(Head.maskedLm())).build())
                .hasMessageContaining("LLaMA is a decoder");
    }

    private static int[] filled(int n, int value) {
        int[] values = new int[n];
        Arrays.fill(values, value);
        return values;
    }

    private static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
