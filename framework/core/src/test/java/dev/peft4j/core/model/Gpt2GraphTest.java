package dev.peft4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.peft4j.core.model.config.Gpt2Config;
import dev.peft4j.core.model.reference.Gpt2Reference;
import dev.peft4j.spi.FloatTensor;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class Gpt2GraphTest {

    private static final Gpt2Config CONFIG = TinyModels.gpt2();
    private static final Map<String, FloatTensor> WEIGHTS = TinyModels.gpt2Weights(CONFIG, 1);
    private static ModelGraph lm;

    @BeforeAll
    static void build() {
        lm = ModelBuilder.create(CONFIG, TinyModels.store(WEIGHTS), TinyModels.options(Head.causalLm())).build();
    }

    @AfterAll
    static void close() {
        lm.close();
    }

    @Test
    void logitsMatchThePlainJavaReference() {
        int[][] ids = {{3, 7, 1, 22, 5, 9, 0}, {0, 4, 4, 8, 19, 2, 11}};
        FloatTensor logits = lm.evaluate(Batch.of(ids), lm.logits());

        assertThat(logits.shape()).containsExactly(2, 7, CONFIG.vocabSize());
        Gpt2Reference reference = new Gpt2Reference(CONFIG, WEIGHTS);
        for (int b = 0; b < ids.length; b++) {
            Tensors.assertRowsClose(logits, b, reference.logits(ids[b]), 1e-4);
        }
    }

    @Test
    void changingALaterTokenNeverChangesEarlierLogits() {
        FloatTensor original = lm.evaluate(Batch.of(new int[][] {{3, 7, 1, 22, 5, 9}}), lm.logits());
        FloatTensor changed = lm.evaluate(Batch.of(new int[][] {{3, 7, 1, 22, 17, 2}}), lm.logits());

        for (int t = 0; t < 4; t++) {
            assertThat(Tensors.row(changed, 0, t)).as("position %d", t).containsExactly(Tensors.row(original, 0, t));
        }
        assertThat(Tensors.row(changed, 0, 4)).isNotEqualTo(Tensors.row(original, 0, 4));
    }

    @Test
    void paddingOnEitherSideChangesNothingForTheRealTokens() {
        int[] real = {3, 7, 1, 22};
        FloatTensor alone = lm.evaluate(Batch.of(new int[][] {real}), lm.logits());
        Batch padded = new Batch(2, 6,
                new int[] {3, 7, 1, 22, 0, 0, /* left padded: */ 5, 5, 3, 7, 1, 22},
                new int[] {1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1}, null, null);
        FloatTensor logits = lm.evaluate(padded, lm.logits());

        for (int t = 0; t < real.length; t++) {
            assertThat(Tensors.row(logits, 0, t)).containsExactly(Tensors.row(alone, 0, t), within(1e-5f));
            assertThat(Tensors.row(logits, 1, t + 2)).containsExactly(Tensors.row(alone, 0, t), within(1e-5f));
        }
    }

    @Test
    void causalLmLossIsTheMeanCrossEntropyOfTheNextTokenOverLabelledPositions() {
        int[][] ids = {{3, 7, 1, 22, 5}, {0, 4, 4, 8, 19}};
        int[] labels = {3, 7, -100, 22, 5, -100, 4, 4, 8, -100};
        Batch batch = Batch.of(ids).withLabels(new Labels.Tokens(labels));

        float loss = lm.evaluate(batch, lm.loss()).data()[0];
        float count = lm.evaluate(batch, lm.lossWeight()).data()[0];

        FloatTensor logits = lm.evaluate(batch, lm.logits());
        double sum = 0;
        int n = 0;
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 4; t++) {
                int next = labels[b * 5 + t + 1];
                if (next != Head.IGNORE_INDEX) {
                    sum += Tensors.crossEntropy(Tensors.row(logits, b, t), next);
                    n++;
                }
            }
        }
        assertThat(count).isEqualTo(n);
        assertThat((double) loss).isCloseTo(sum / n, within(1e-5));
    }

    @Test
    void paddingOnEitherSideLeavesTheCausalLmLossUnchanged() {
        int[] real = {3, 7, 1, 22, 5};
        float alone = lm.evaluate(Batch.of(new int[][] {real}).withLabels(new Labels.Tokens(real)), lm.loss())
                .data()[0];
        int x = Head.IGNORE_INDEX;
        Batch right = new Batch(1, 7, new int[] {3, 7, 1, 22, 5, 0, 0}, new int[] {1, 1, 1, 1, 1, 0, 0}, null,
                new Labels.Tokens(new int[] {3, 7, 1, 22, 5, x, x}));
        Batch left = new Batch(1, 7, new int[] {0, 0, 3, 7, 1, 22, 5}, new int[] {0, 0, 1, 1, 1, 1, 1}, null,
                new Labels.Tokens(new int[] {x, x, 3, 7, 1, 22, 5}));

        assertThat(lm.evaluate(right, lm.loss()).data()[0]).isCloseTo(alone, within(1e-5f));
        assertThat(lm.evaluate(left, lm.loss()).data()[0]).isCloseTo(alone, within(1e-5f));
        assertThat(lm.evaluate(left, lm.lossWeight()).data()[0]).isEqualTo(4f);
    }

    @Test
    void classificationReadsTheLastRealTokenWhicheverSideIsPadded() {
        try (ModelGraph classifier = ModelBuilder.create(CONFIG, TinyModels.store(WEIGHTS),
                TinyModels.options(Head.classification(3))).build()) {
            FloatTensor alone = classifier.evaluate(Batch.of(new int[][] {{3, 7, 1}}), classifier.logits());
            Batch padded = new Batch(2, 5, new int[] {3, 7, 1, 0, 0, 9, 9, 3, 7, 1},
                    new int[] {1, 1, 1, 0, 0, 0, 0, 1, 1, 1}, null, null);
            FloatTensor logits = classifier.evaluate(padded, classifier.logits());

            assertThat(logits.shape()).containsExactly(2, 3);
            assertThat(Tensors.row(logits, 0)).containsExactly(alone.data(), within(1e-5f));
            assertThat(Tensors.row(logits, 1)).containsExactly(alone.data(), within(1e-5f));
            assertThat(classifier.trainables()).extracting(TrainableVariable::name).containsExactly("score.weight");
        }
    }
}
